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
uniform float uSpan;       // share of an atlas cell's width sampled, centred: 1 for map tiles, less for text

out vec2 vUv;
out vec4 vFg;
out vec4 vBg;

void main() {
    vec2 px = (aCell - uOrigin + aCorner) * uTile + uOffset;
    vec2 ndc = px / uViewport * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
    vec2 glyph = vec2(float(aGlyph % 16u), float(aGlyph / 16u));
    // Half a texel in from the cell's edges: at fractional (sprite) positions nearest sampling would otherwise
    // pick up the neighbouring glyph's edge row.
    vec2 inset = vec2(0.5 / 16.0);
    vec2 c = mix(inset, vec2(1.0) - inset, aCorner);
    c.x = 0.5 + (c.x - 0.5) * uSpan;
    vUv = (glyph + c) / 16.0;
    vFg = aFg;
    vBg = aBg;
}
