// What a file is, decided from its first bytes rather than its name or declared type: the kinds
// of attachment case work accepts (photos, scans, PDF, office documents).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bangyi::core {

// The MIME type of an accepted kind, or nullopt. OLE compound files (.doc/.xls/.ppt) come back
// as "application/x-ole-storage": their declared type says which of the three it is.
std::optional<std::string> SniffFileType(std::string_view bytes);

// True when `declared` (a Content-Type, parameters ignored, any case) names the sniffed kind.
bool DeclaredTypeMatches(std::string_view declared, std::string_view sniffed);

}  // namespace bangyi::core
