#include "core/json_input.hpp"

#include <algorithm>

#include "core/validation.hpp"

namespace bangyi::core {

nlohmann::json ParseJsonObject(std::string_view body) {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    throw Error::BadRequest("invalid_json", "request body is not valid JSON");
  }
  if (!parsed.is_object()) {
    throw Error::BadRequest("invalid_json", "request body must be a JSON object");
  }
  return parsed;
}

bool JsonReader::Has(const std::string& name) const {
  return object_.contains(name) && !object_.at(name).is_null();
}

const nlohmann::json& JsonReader::Raw(const std::string& name) const {
  static const nlohmann::json kNull;
  auto it = object_.find(name);
  return it == object_.end() ? kNull : *it;
}

std::string JsonReader::String(const std::string& name, bool required, size_t max_chars) {
  const auto& v = Raw(name);
  if (v.is_null()) {
    if (required) {
      Add(name, "required");
    }
    return {};
  }
  if (!v.is_string()) {
    Add(name, "invalid");
    return {};
  }
  std::string s = Trim(v.get<std::string>());
  if (s.find('\0') != std::string::npos) {
    Add(name, "invalid");  // a NUL would be cut off by C APIs further down
    return {};
  }
  if (s.empty() && required) {
    Add(name, "required");
  } else if (Utf8Length(s) > max_chars) {
    Add(name, "too_long");
  }
  return s;
}

std::optional<int64_t> JsonReader::Int(const std::string& name, bool required, int64_t min, int64_t max) {
  const auto& v = Raw(name);
  if (v.is_null()) {
    if (required) {
      Add(name, "required");
    }
    return std::nullopt;
  }
  if (!v.is_number_integer()) {
    Add(name, "invalid");
    return std::nullopt;
  }
  auto n = v.get<int64_t>();
  if (n < min || n > max) {
    Add(name, "out_of_range");
    return std::nullopt;
  }
  return n;
}

bool JsonReader::Bool(const std::string& name, bool fallback) {
  const auto& v = Raw(name);
  if (v.is_null()) {
    return fallback;
  }
  if (!v.is_boolean()) {
    Add(name, "invalid");
    return fallback;
  }
  return v.get<bool>();
}

std::vector<std::string> JsonReader::StringArray(const std::string& name, size_t max_items, size_t max_chars) {
  std::vector<std::string> out;
  const auto& v = Raw(name);
  if (v.is_null()) {
    return out;
  }
  if (!v.is_array() || v.size() > max_items) {
    Add(name, v.is_array() ? "too_long" : "invalid");
    return out;
  }
  for (const auto& item : v) {
    if (!item.is_string() || Trim(item.get<std::string>()).empty() ||
        item.get<std::string>().find('\0') != std::string::npos ||
        Utf8Length(item.get<std::string>()) > max_chars) {
      Add(name, "invalid");
      return {};
    }
    out.push_back(Trim(item.get<std::string>()));
  }
  return out;
}

std::string JsonReader::OneOf(const std::string& name, bool required,
                              std::initializer_list<std::string_view> allowed) {
  std::string s = String(name, required, 64);
  if (!s.empty() && std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
    Add(name, "invalid");
    return {};
  }
  return s;
}

std::string JsonReader::Date(const std::string& name, bool required) {
  std::string s = String(name, required, 10);
  if (!s.empty() && !IsIsoDate(s)) {
    Add(name, "format");
    return {};
  }
  return s;
}

std::vector<int64_t> JsonReader::IdArray(const std::string& name, size_t max_items) {
  std::vector<int64_t> out;
  const auto& v = Raw(name);
  if (v.is_null()) {
    return out;
  }
  if (!v.is_array() || v.size() > max_items) {
    Add(name, v.is_array() ? "too_long" : "invalid");
    return out;
  }
  for (const auto& item : v) {
    if (!item.is_number_integer() || item.get<int64_t>() <= 0 ||
        std::find(out.begin(), out.end(), item.get<int64_t>()) != out.end()) {
      Add(name, "invalid");
      return {};
    }
    out.push_back(item.get<int64_t>());
  }
  return out;
}

}  // namespace bangyi::core
