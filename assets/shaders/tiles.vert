#version 330 core
// One instance per cell: where it is, which glyph, foreground and background colour.
layout(location = 0) in vec2 aCorner;       // unit quad corner, 0..1
layout(location = 1) in vec2 aCell;         // cell position, in cells (fractions allowed)
layout(location = 2) in uint aGlyph;        // atlas index, 0..255
layout(location = 3) in vec4 aFg;           // normalised RGBA8
layout(location = 4) in vec4 aBg;

uniform vec2 uTile;        // cell size in pixels
uniform vec2 uViewport;    // framebuffer size in pixels
uniform vec2 uOrigin;      // cell at the grid's top-left (sprites are placed in map cells)
uniform vec2 uOffset;      // pixel position of the grid's top-left (the map sits right of the sidebar)
uniform vec2 uSpan;        // the part of an atlas cell sampled across, as cell fractions (narrow text uses the middle)

out vec2 vUv;
out vec4 vFg;
out vec4 vBg;

void main() {
    vec2 px = (aCell - uOrigin + aCorner) * uTile + uOffset;
    vec2 ndc = px / uViewport * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
    vec2 glyph = vec2(float(aGlyph % 16u), float(aGlyph / 16u));
    // Half a texel in from the cell's edges (uSpan has it across): at fractional (sprite) positions nearest
    // sampling would otherwise pick up the neighbouring glyph's edge row.
    float inset = 0.5 / 16.0;
    vUv = (glyph + vec2(mix(uSpan.x, uSpan.y, aCorner.x), mix(inset, 1.0 - inset, aCorner.y))) / 16.0;
    vFg = aFg;
    vBg = aBg;
}
