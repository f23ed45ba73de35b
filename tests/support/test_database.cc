#include "tests/support/test_database.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

namespace poster::testing {
namespace {

std::string ClusterUrl() {
  const char* file = std::getenv("POSTER_TEST_PG_URL_FILE");
  if (file == nullptr) return "";
  std::string url;
  std::getline(std::ifstream(file), url);
  if (url.empty()) throw std::runtime_error(std::string("no PostgreSQL URL in ") + file);
  return url;
}

// CREATE DATABASE on the cluster's own database; throws when it cannot.
void CreateDatabase(const std::string& cluster, const std::string& name) {
  PGconn* admin = PQconnectdb(cluster.c_str());
  std::string error;
  if (PQstatus(admin) != CONNECTION_OK) {
    error = PQerrorMessage(admin);
  } else {
    PGresult* made = PQexec(admin, ("CREATE DATABASE \"" + name + "\"").c_str());
    if (PQresultStatus(made) != PGRES_COMMAND_OK) error = PQresultErrorMessage(made);
    PQclear(made);
  }
  PQfinish(admin);
  if (!error.empty()) throw std::runtime_error("CREATE DATABASE " + name + ": " + error);
}

}  // namespace

bool OnPostgres() { return std::getenv("POSTER_TEST_PG_URL_FILE") != nullptr; }

std::string DatabaseFor(const std::string& data_dir) {
  if (!OnPostgres()) return "";
  static std::mutex mutex;
  static std::map<std::string, std::string> made;
  std::string key = std::filesystem::absolute(data_dir).lexically_normal().string();
  std::lock_guard lock(mutex);
  if (auto it = made.find(key); it != made.end()) return it->second;
  std::string cluster = ClusterUrl();
  std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(made.size() + 1);
  CreateDatabase(cluster, name);
  std::string url = cluster.substr(0, cluster.rfind('/') + 1) + name;
  return made[key] = url;
}

}  // namespace poster::testing
