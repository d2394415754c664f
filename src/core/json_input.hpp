// Reading request bodies: parse once (400 on malformed JSON), then read typed fields while
// collecting every field error, and throw one 422 naming all of them at the end.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace bangyi::core {

// Throws Error 400 "invalid_json" unless `body` is a JSON object.
nlohmann::json ParseJsonObject(std::string_view body);

class JsonReader {
 public:
  explicit JsonReader(const nlohmann::json& object) : object_(object) {}

  bool Has(const std::string& name) const;
  // Trimmed string; "required" when missing/blank and required, "too_long" over max_chars
  // (code points), "invalid" when not a string.
  std::string String(const std::string& name, bool required, size_t max_chars);
  std::optional<int64_t> Int(const std::string& name, bool required, int64_t min, int64_t max);
  bool Bool(const std::string& name, bool fallback);
  // Array of strings; each item trimmed, empty items refused.
  std::vector<std::string> StringArray(const std::string& name, size_t max_items, size_t max_chars);
  // The raw member, or null when absent.
  const nlohmann::json& Raw(const std::string& name) const;

  FieldErrors& errors() { return errors_; }
  void Add(std::string field, std::string code) { errors_.Add(std::move(field), std::move(code)); }
  void ThrowIfAny() const { errors_.ThrowIfAny(); }

 private:
  const nlohmann::json& object_;
  FieldErrors errors_;
};

}  // namespace bangyi::core
