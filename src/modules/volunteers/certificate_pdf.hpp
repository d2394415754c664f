// The volunteer service certificate (志愿服务证明) as an A4 PDF, drawn with cairo and laid out with
// pango so Chinese text is shaped with a CJK font (Noto Sans/Serif CJK from fonts-noto-cjk) and
// stays searchable text in the PDF.
#pragma once

#include <string>

namespace bangyi::volunteers {

struct CertificateText {
  std::string volunteer_name, organization_name, from, to, hours, code, issued_on;
};

// The PDF's bytes. Thread-safe (rendering is serialized: fontconfig's first use is not).
std::string RenderCertificatePdf(const CertificateText& text);

}  // namespace bangyi::volunteers
