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

namespace bangyi::core {
namespace {

TEST(SecretsFile, WritesAndReadsBackKeysIdsAndPendingRotation) {
  std::string dir = ::testing::TempDir() + "/secrets-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::string path = dir + "/secrets.key";
  Secrets s;
  s.field_encryption_key = NewKey();
  s.blind_index_key = NewKey();
  s.field_key_id = 4;
  s.next_field_encryption_key = NewKey();
  WriteSecretsFile(path, s);
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  Secrets back = LoadSecrets(path);
  EXPECT_EQ(back.field_encryption_key, s.field_encryption_key);
  EXPECT_EQ(back.blind_index_key, s.blind_index_key);
  EXPECT_EQ(back.field_key_id, 4);
  ASSERT_TRUE(back.next_field_encryption_key);
  EXPECT_EQ(*back.next_field_encryption_key, *s.next_field_encryption_key);
  EXPECT_FALSE(back.next_blind_index_key);
  EXPECT_TRUE(back.RotationPending());
  s.next_field_encryption_key.reset();
  WriteSecretsFile(path, s);
  EXPECT_FALSE(LoadSecrets(path).RotationPending());
  // A value made with key 4 names it; a cipher for key 5 does not open it.
  FieldCipher four(s.field_encryption_key, 4);
  std::string stored = four.Encrypt("310101195803120178", "persons.id_number");
  EXPECT_EQ(FieldCipher::KeyIdOf(stored), 4);
  EXPECT_FALSE(FieldCipher(s.field_encryption_key, 5).Decrypt(stored, "persons.id_number"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bangyi::core
