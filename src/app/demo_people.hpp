// Synthetic people for the demo data: names, phones, birth dates and resident IDs with valid
// check characters, from a deterministic generator.
#pragma once

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/validation.hpp"

namespace bangyi::app {

inline const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                            "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗",
                                            "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
inline const std::vector<std::string> kGiven = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军",
                                         "杰", "娟", "涛", "明", "超", "秀英", "华", "慧", "建国", "志强",
                                         "晓燕", "海燕", "文博", "思远", "雨桐", "子涵", "佳怡", "浩然"};
// std::mt19937 is specified exactly, so the same seed gives the same data everywhere; we avoid
// the std distributions, whose output differs between standard libraries.
class Rng {
 public:
  explicit Rng(uint32_t seed) : mt_(seed) {}
  size_t Below(size_t n) { return static_cast<size_t>(mt_() % n); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  std::mt19937 mt_;
};

inline std::string Phone(Rng& rng) {
  static const std::vector<std::string> kPrefixes = {"139", "138", "136", "186", "177", "133", "150", "189"};
  std::string p = rng.Pick(kPrefixes);
  for (int i = 0; i < 8; ++i) {
    p.push_back(static_cast<char>('0' + rng.Below(10)));
  }
  return p;
}

inline std::string PersonName(Rng& rng) { return rng.Pick(kSurnames) + rng.Pick(kGiven); }

// A synthetic resident ID: registered in `district`, born on `birth`, valid check character.
inline std::string SyntheticId(const std::string& district, const std::string& birth, bool male, Rng& rng) {
  int seq = static_cast<int>(rng.Below(50)) * 2 + (male ? 1 : 0);
  char tail[16];
  std::snprintf(tail, sizeof tail, "%02d%d", seq / 10 % 100, seq % 10);
  std::string first17 = district + birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2) + tail;
  return first17 + core::ResidentIdCheckChar(first17);
}

inline std::string BirthDate(Rng& rng, int from_year, int to_year) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", from_year + static_cast<int>(rng.Below(to_year - from_year + 1)),
                1 + static_cast<int>(rng.Below(12)), 1 + static_cast<int>(rng.Below(28)));
  return buf;
}

}  // namespace bangyi::app
