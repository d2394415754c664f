#include "modules/volunteers/certificate_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <mutex>
#include <stdexcept>

namespace bangyi::volunteers {

namespace {

constexpr double kWidth = 595.276;   // A4 in points
constexpr double kHeight = 841.890;
constexpr double kMargin = 72.0;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

// Draws `markup` (Pango markup, already escaped) in a box `width` wide at y; returns the height used.
double Paragraph(cairo_t* cr, const std::string& markup, const char* font, double y, PangoAlignment align,
                 double line_spacing = 1.0) {
  std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, FontDeleter> desc(pango_font_description_from_string(font));
  pango_layout_set_font_description(layout.get(), desc.get());
  pango_layout_set_width(layout.get(), static_cast<int>((kWidth - 2 * kMargin) * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), align);
  pango_layout_set_line_spacing(layout.get(), static_cast<float>(line_spacing));
  pango_layout_set_markup(layout.get(), markup.c_str(), -1);
  cairo_move_to(cr, kMargin, y);
  pango_cairo_show_layout(cr, layout.get());
  int w = 0;
  int h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

std::string Escape(const std::string& text) {
  char* escaped = g_markup_escape_text(text.c_str(), -1);
  std::string out(escaped);
  g_free(escaped);
  return out;
}

std::string ChineseDate(const std::string& iso) {
  if (iso.size() != 10) {
    return iso;
  }
  return iso.substr(0, 4) + "年" + std::to_string(std::stoi(iso.substr(5, 2))) + "月" +
         std::to_string(std::stoi(iso.substr(8, 2))) + "日";
}

}  // namespace

std::string RenderCertificatePdf(const CertificateText& t) {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &out, kWidth, kHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "志愿服务证明");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "帮依一把综合帮扶平台");
  cairo_t* cr = cairo_create(surface);

  // A double frame in the program's red.
  cairo_set_source_rgb(cr, 0.70, 0.11, 0.11);
  cairo_set_line_width(cr, 3.0);
  cairo_rectangle(cr, 36, 36, kWidth - 72, kHeight - 72);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.8);
  cairo_rectangle(cr, 44, 44, kWidth - 88, kHeight - 88);
  cairo_stroke(cr);

  double y = 110;
  y += Paragraph(cr, "志愿服务证明", "Noto Serif CJK SC Bold 30", y, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  y += 6 + Paragraph(cr, "Certificate of Volunteer Service", "Noto Sans CJK SC 11", y + 6, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  y += 60;
  std::string body = "兹证明 <b>" + Escape(t.volunteer_name) + "</b> 于 " + ChineseDate(t.from) + " 至 " +
                     ChineseDate(t.to) + " 期间，在 <b>" + Escape(t.organization_name) +
                     "</b> 参加结对帮扶志愿服务，经社会工作者确认的志愿服务时长累计 <b>" + Escape(t.hours) +
                     "</b> 小时。";
  y += Paragraph(cr, body, "Noto Serif CJK SC 15", y, PANGO_ALIGN_LEFT, 1.8);
  y += 24;
  y += Paragraph(cr, "特此证明。", "Noto Serif CJK SC 15", y, PANGO_ALIGN_LEFT);
  y += 24;
  std::string hours_en = "Confirmed volunteer service: " + Escape(t.hours) + " hours, " + Escape(t.from) + " to " +
                         Escape(t.to) + ".";
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  y += Paragraph(cr, hours_en, "Noto Sans CJK SC 10", y, PANGO_ALIGN_LEFT);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);

  double sign_y = kHeight - 300;
  sign_y += Paragraph(cr, Escape(t.organization_name), "Noto Serif CJK SC 14", sign_y, PANGO_ALIGN_RIGHT);
  sign_y += 8;
  Paragraph(cr, ChineseDate(t.issued_on), "Noto Serif CJK SC 14", sign_y, PANGO_ALIGN_RIGHT);

  std::string verify = "验证码 Verification code：<b>" + Escape(t.code) +
                       "</b>\n在帮依一把综合帮扶平台验证：GET /api/v1/certificates/" + Escape(t.code);
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  Paragraph(cr, verify, "Noto Sans CJK SC 9", kHeight - 130, PANGO_ALIGN_LEFT, 1.4);

  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("certificate PDF: ") + cairo_status_to_string(status));
  }
  return out;
}

}  // namespace bangyi::volunteers
