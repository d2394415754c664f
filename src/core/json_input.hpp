// Reading request bodies: parse once (400 on malformed JSON), then read typed fields while
// collecting every field error, and throw one 422 naming all of them at the end.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
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
  // A string that must be one of `allowed` ("invalid" otherwise).
  std::string OneOf(const std::string& name, bool required, std::initializer_list<std::string_view> allowed);
  // A calendar date "YYYY-MM-DD" ("format" otherwise).
  std::string Date(const std::string& name, bool required);
  // Array of objects: calls `fn(item_reader, index)` for each and files the item's errors as
  // "name[i].field". "invalid" when not an array of objects, "too_long" over max_items.
  template <typename Fn>
  void Objects(const std::string& name, bool required, size_t max_items, Fn&& fn) {
    const auto& v = Raw(name);
    if (v.is_null() || (v.is_array() && v.empty())) {
      if (required) {
        Add(name, "required");
      }
      return;
    }
    if (!v.is_array() || v.size() > max_items) {
      Add(name, v.is_array() ? "too_long" : "invalid");
      return;
    }
    for (size_t i = 0; i < v.size(); ++i) {
      std::string prefix = name + "[" + std::to_string(i) + "]";
      if (!v[i].is_object()) {
        Add(prefix, "invalid");
        continue;
      }
      JsonReader item(v[i]);
      fn(item, i);
      for (const auto& e : item.errors().list()) {
        Add(prefix + "." + e.field, e.code);
      }
    }
  }
  // Array of positive integer ids, duplicates refused ("invalid").
  std::vector<int64_t> IdArray(const std::string& name, size_t max_items);
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
