#version 330 core
in vec2 vUv;
in vec4 vFg;
in vec4 vBg;
uniform sampler2D uAtlas;   // single-channel glyph coverage
out vec4 fragColor;

void main() {
    float a = texture(uAtlas, vUv).r;
    fragColor = mix(vBg, vFg, a);
}
