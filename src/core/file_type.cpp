#include "core/file_type.hpp"

#include <algorithm>
#include <cctype>

namespace bangyi::core {

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// ZIP entry names stand in clear in the local file headers; an OOXML package names its parts.
std::optional<std::string> Ooxml(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 64 * 1024);
  if (head.find("[Content_Types].xml") == std::string_view::npos) {
    return std::nullopt;
  }
  if (head.find("word/") != std::string_view::npos) {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (head.find("xl/") != std::string_view::npos) {
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  if (head.find("ppt/") != std::string_view::npos) {
    return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> SniffFileType(std::string_view b) {
  if (StartsWith(b, "\xFF\xD8\xFF")) {
    return "image/jpeg";
  }
  if (StartsWith(b, "\x89PNG\r\n\x1A\n")) {
    return "image/png";
  }
  if (StartsWith(b, "GIF87a") || StartsWith(b, "GIF89a")) {
    return "image/gif";
  }
  if (b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP") {
    return "image/webp";
  }
  if (StartsWith(b, "%PDF-")) {
    return "application/pdf";
  }
  if (StartsWith(b, std::string_view("PK\x03\x04", 4))) {
    return Ooxml(b);
  }
  if (StartsWith(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return "application/x-ole-storage";
  }
  return std::nullopt;
}

bool DeclaredTypeMatches(std::string_view declared, std::string_view sniffed) {
  std::string d(declared.substr(0, declared.find(';')));
  d.erase(std::remove_if(d.begin(), d.end(), [](unsigned char ch) { return std::isspace(ch) != 0; }), d.end());
  std::transform(d.begin(), d.end(), d.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (sniffed == "application/x-ole-storage") {
    return d == "application/msword" || d == "application/vnd.ms-excel" || d == "application/vnd.ms-powerpoint";
  }
  return d == sniffed || (sniffed == "image/jpeg" && d == "image/jpg");
}

}  // namespace bangyi::core
