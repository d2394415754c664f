// QR codes of survey links (libqrencode), as PNG (drawn with cairo) and SVG, with a quiet zone
// of four modules. Kept in its own library: cairo's flags stay out of the shared precompiled
// header.
#pragma once

#include <string>

namespace bangyi::surveys {

// `scale` pixels per module. Throws std::runtime_error when the text cannot be encoded.
std::string QrPng(const std::string& text, int scale = 8);
std::string QrSvg(const std::string& text);

}  // namespace bangyi::surveys
