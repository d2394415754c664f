#include "modules/surveys/qr_code.hpp"

#include <cairo.h>
#include <qrencode.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace bangyi::surveys {

namespace {

constexpr int kQuiet = 4;

using QrPtr = std::unique_ptr<QRcode, decltype(&QRcode_free)>;

QrPtr Encode(const std::string& text) {
  QrPtr qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!qr) {
    throw std::runtime_error("qr: cannot encode the text");
  }
  return qr;
}

bool Dark(const QRcode& qr, int x, int y) { return (qr.data[y * qr.width + x] & 1) != 0; }

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string QrPng(const std::string& text, int scale) {
  auto qr = Encode(text);
  int size = (qr->width + 2 * kQuiet) * scale;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, size, size);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      if (Dark(*qr, x, y)) {
        cairo_rectangle(cr, (x + kQuiet) * scale, (y + kQuiet) * scale, scale, scale);
      }
    }
  }
  cairo_fill(cr);
  std::string png;
  cairo_status_t status = cairo_surface_write_to_png_stream(surface, Append, &png);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error("qr: cannot write the PNG");
  }
  return png;
}

std::string QrSvg(const std::string& text) {
  auto qr = Encode(text);
  int size = qr->width + 2 * kQuiet;
  std::string path;
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      if (Dark(*qr, x, y)) {
        path += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h1v1h-1z";
      }
    }
  }
  std::string n = std::to_string(size);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n +
         " " + n + "\" width=\"" + std::to_string(size * 8) + "\" height=\"" + std::to_string(size * 8) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" +
         path + "\"/></svg>\n";
}

}  // namespace bangyi::surveys
