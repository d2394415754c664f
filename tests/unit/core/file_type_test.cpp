// Attachment types from content, and whether a declared type agrees.
#include <gtest/gtest.h>

#include "core/file_type.hpp"

namespace bangyi::core {
namespace {

TEST(FileType, KnowsTheAcceptedKindsByTheirFirstBytes) {
  EXPECT_EQ(SniffFileType("\xFF\xD8\xFF\xE0 jfif"), "image/jpeg");
  EXPECT_EQ(SniffFileType("\x89PNG\r\n\x1A\n...."), "image/png");
  EXPECT_EQ(SniffFileType("GIF89a..."), "image/gif");
  EXPECT_EQ(SniffFileType(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(SniffFileType("%PDF-1.7\n"), "application/pdf");
  std::string docx = std::string("PK\x03\x04", 4) + std::string(26, '\0') + "[Content_Types].xml....word/document.xml";
  EXPECT_EQ(SniffFileType(docx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  std::string xlsx = std::string("PK\x03\x04", 4) + "[Content_Types].xml xl/workbook.xml";
  EXPECT_EQ(SniffFileType(xlsx), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(SniffFileType("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 ole"), "application/x-ole-storage");
}

TEST(FileType, RefusesEverythingElse) {
  EXPECT_EQ(SniffFileType("MZ\x90\0"), std::nullopt);                                 // Windows executable
  EXPECT_EQ(SniffFileType(std::string("PK\x03\x04", 4) + "evil.sh"), std::nullopt);  // a plain zip
  EXPECT_EQ(SniffFileType("<html><script>"), std::nullopt);
  EXPECT_EQ(SniffFileType(""), std::nullopt);
  EXPECT_EQ(SniffFileType(std::string("RIFF\x10\0\0\0WAVEfmt ", 16)), std::nullopt);
}

TEST(FileType, DeclaredTypeMustNameTheContent) {
  EXPECT_TRUE(DeclaredTypeMatches("image/PNG", "image/png"));
  EXPECT_TRUE(DeclaredTypeMatches("application/pdf; name=x.pdf", "application/pdf"));
  EXPECT_TRUE(DeclaredTypeMatches("image/jpg", "image/jpeg"));
  EXPECT_TRUE(DeclaredTypeMatches("application/vnd.ms-excel", "application/x-ole-storage"));
  EXPECT_FALSE(DeclaredTypeMatches("application/pdf", "image/png"));
  EXPECT_FALSE(DeclaredTypeMatches("application/x-ole-storage", "application/x-ole-storage"));
  EXPECT_FALSE(DeclaredTypeMatches("", "image/png"));
}

}  // namespace
}  // namespace bangyi::core
