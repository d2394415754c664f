#include "core/field_crypto.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/crypto.hpp"

namespace bangyi::core {

namespace {
Key TestKey(unsigned char fill) {
  Key k{};
  k.fill(fill);
  return k;
}
}  // namespace

TEST(FieldCipher, RoundTripsAndNeverRepeatsCiphertext) {
  InitCrypto();
  FieldCipher cipher(TestKey(7));
  std::string a = cipher.Encrypt("310101195803120178", "persons.id_number");
  std::string b = cipher.Encrypt("310101195803120178", "persons.id_number");
  EXPECT_NE(a, b);  // random nonce per value
  EXPECT_EQ(a.find("310101"), std::string::npos);
  EXPECT_EQ(a.rfind("v1.1.", 0), 0u);
  EXPECT_EQ(cipher.Decrypt(a, "persons.id_number"), "310101195803120178");
  EXPECT_EQ(cipher.Decrypt(cipher.Encrypt("", "c"), "c"), "");
  EXPECT_EQ(cipher.Decrypt(cipher.Encrypt("上海市黄浦区", "c"), "c"), "上海市黄浦区");
}

TEST(FieldCipher, RefusesOtherColumnsKeysAndTampering) {
  InitCrypto();
  FieldCipher cipher(TestKey(7));
  std::string stored = cipher.Encrypt("13912345678", "persons.phone");
  EXPECT_EQ(cipher.Decrypt(stored, "persons.id_number"), std::nullopt);
  EXPECT_EQ(FieldCipher(TestKey(8)).Decrypt(stored, "persons.phone"), std::nullopt);
  EXPECT_EQ(FieldCipher(TestKey(7), 2).Decrypt(stored, "persons.phone"), std::nullopt);
  std::string tampered = stored;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(cipher.Decrypt(tampered, "persons.phone"), std::nullopt);
  EXPECT_EQ(cipher.Decrypt("13912345678", "persons.phone"), std::nullopt);
  EXPECT_EQ(cipher.Decrypt("v1.1.", "persons.phone"), std::nullopt);
  EXPECT_EQ(FieldCipher::KeyIdOf(FieldCipher(TestKey(1), 12).Encrypt("x", "c")), 12);
  EXPECT_EQ(FieldCipher::KeyIdOf("plain"), -1);
}

TEST(BlindIndex, DeterministicKeyedAndDomainSeparated) {
  InitCrypto();
  auto a = BlindIndex(TestKey(1), "resident_id", "310101195803120178");
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a, BlindIndex(TestKey(1), "resident_id", "310101195803120178"));
  EXPECT_NE(a, BlindIndex(TestKey(2), "resident_id", "310101195803120178"));
  EXPECT_NE(a, BlindIndex(TestKey(1), "phone", "310101195803120178"));
  EXPECT_NE(a, BlindIndex(TestKey(1), "resident_id", "31011019930620018X"));
}

TEST(Masking, ShowsOnlyWhatDomainAllows) {
  EXPECT_EQ(MaskIdNumber("310101195803120178"), "310***********0178");
  EXPECT_EQ(MaskPhone("13912345678"), "139****5678");
  EXPECT_EQ(MaskPhone("021-63211234"), "********1234");
  EXPECT_EQ(MaskText("黄浦区南京东路100弄3号"), "黄浦****");
  EXPECT_EQ(MaskText("黄"), "黄");
  EXPECT_EQ(MaskIdNumber("123"), "***");
}

TEST(Secrets, CreatedOnceWithPrivatePermissionsAndLoadable) {
  InitCrypto();
  auto dir = std::filesystem::temp_directory_path() / ("bangyi-secrets-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::string path = (dir / "secrets.key").string();
  EnsureSecretsFile(path);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Secrets first = LoadSecrets(path);
  EnsureSecretsFile(path);  // existing file is kept
  EXPECT_EQ(LoadSecrets(path).field_encryption_key, first.field_encryption_key);
  EXPECT_NE(first.field_encryption_key, first.blind_index_key);
  ::chmod(path.c_str(), 0644);
  EXPECT_THROW(LoadSecrets(path), std::runtime_error);
  EXPECT_THROW(EnsureSecretsFile(path), std::runtime_error);
  ::chmod(path.c_str(), 0600);
  std::ofstream(path) << "field_encryption_key = \"short\"\n";
  ::chmod(path.c_str(), 0600);
  EXPECT_THROW(LoadSecrets(path), std::runtime_error);
  std::filesystem::remove_all(dir);
}

}  // namespace bangyi::core
