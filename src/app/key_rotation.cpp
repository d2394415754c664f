// bangyi rotate-keys: new field-encryption key (and optionally blind-index key) for every
// encrypted column of the registry, in one database transaction, resumable after a crash.
#include <spdlog/spdlog.h>

#include "app/application.hpp"
#include "app/data_dir_lock.hpp"
#include "core/field_crypto.hpp"
#include "core/secrets.hpp"
#include "modules/registry/registry.hpp"
#include "modules/volunteers/volunteer_service.hpp"

namespace bangyi::app {

RotationResult RotateKeys(const core::Config& config, bool blind_index) {
  DataDirLock lock(config.data_dir, /*exclusive=*/true);  // refuses while a server runs
  std::string path = config.SecretsFile();
  core::Secrets secrets = core::LoadSecrets(path);
  RotationResult result;
  result.resumed = secrets.RotationPending();
  if (!result.resumed) {
    // 1. The next keys go to the secrets file first: a crash after this point is resumed.
    secrets.next_field_encryption_key = core::NewKey();
    if (blind_index) {
      secrets.next_blind_index_key = core::NewKey();
    }
    core::WriteSecretsFile(path, secrets);
  }
  result.from_key_id = secrets.field_key_id;
  result.to_key_id = secrets.field_key_id + 1;
  core::FieldCipher old_cipher(secrets.field_encryption_key, result.from_key_id);
  core::FieldCipher new_cipher(*secrets.next_field_encryption_key, result.to_key_id);
  auto db = OpenDatabase(config);
  // 2. Every value rewritten under the new key (values already under it are left), and the
  //    blind indexes recomputed, in one transaction.
  db->Write([&](db::Connection& c) {
    auto reseal = [&](std::string_view table_name, std::string_view column_name, std::string_view aad) {
      std::string table(table_name);
      std::string column(column_name);
      // Identifiers come from the constant tables of the modules, never from input.
      auto rows = c.Query("SELECT id, " + column + " AS value FROM " + table + " WHERE " + column + " <> ''");
      std::string update = "UPDATE " + table + " SET " + column + " = $2 WHERE id = $1";
      for (const auto& r : rows) {
        std::string stored = r.Text("value");
        if (core::FieldCipher::KeyIdOf(stored) == result.to_key_id) {
          continue;
        }
        auto clear = old_cipher.Decrypt(stored, aad);
        if (!clear) {
          throw std::runtime_error("cannot decrypt " + table + "." + column + " of row " + std::to_string(r.Int("id")) +
                                   " with key " + std::to_string(result.from_key_id));
        }
        c.Execute(update, {r.Int("id"), new_cipher.Encrypt(*clear, aad)});
        ++result.values;
      }
    };
    for (const auto& col : registry::kEncryptedColumns) {
      reseal(col.table, col.column, col.aad);
    }
    for (const auto& col : volunteers::kEncryptedColumns) {
      reseal(col.table, col.column, col.aad);
    }
    if (secrets.next_blind_index_key) {
      for (const auto& r : c.Query("SELECT id, id_number_enc FROM persons WHERE id_number_enc <> ''")) {
        std::string stored = r.Text("id_number_enc");
        auto clear = new_cipher.Decrypt(stored, registry::kIdNumberAad);
        if (!clear) {
          clear = old_cipher.Decrypt(stored, registry::kIdNumberAad);
        }
        if (!clear) {
          throw std::runtime_error("cannot decrypt the ID number of person " + std::to_string(r.Int("id")));
        }
        c.Execute("UPDATE persons SET id_number_bidx = $2 WHERE id = $1",
                  {r.Int("id"), core::BlindIndex(*secrets.next_blind_index_key, registry::kIdIndexDomain, *clear)});
        ++result.indexes;
      }
      for (const auto& r : c.Query("SELECT id, id_number_enc FROM volunteers WHERE id_number_enc <> ''")) {
        std::string stored = r.Text("id_number_enc");
        auto clear = new_cipher.Decrypt(stored, volunteers::kIdNumberAad);
        if (!clear) {
          clear = old_cipher.Decrypt(stored, volunteers::kIdNumberAad);
        }
        if (!clear) {
          throw std::runtime_error("cannot decrypt the ID number of volunteer " + std::to_string(r.Int("id")));
        }
        c.Execute("UPDATE volunteers SET id_number_bidx = $2 WHERE id = $1",
                  {r.Int("id"), core::BlindIndex(*secrets.next_blind_index_key, volunteers::kIdIndexDomain, *clear)});
        ++result.indexes;
      }
    }
  });
  // 3. Promote the new keys; the old ones are gone from the file.
  secrets.field_encryption_key = *secrets.next_field_encryption_key;
  secrets.field_key_id = result.to_key_id;
  secrets.next_field_encryption_key.reset();
  if (secrets.next_blind_index_key) {
    secrets.blind_index_key = *secrets.next_blind_index_key;
    secrets.next_blind_index_key.reset();
  }
  core::WriteSecretsFile(path, secrets);
  spdlog::info("key rotation done: key {} → {}, {} values re-encrypted, {} blind indexes recomputed",
               result.from_key_id, result.to_key_id, result.values, result.indexes);
  return result;
}

}  // namespace bangyi::app
