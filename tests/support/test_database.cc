#include "tests/support/test_database.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

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

// The databases this process made, dropped when it exits (a run makes hundreds).
struct Made {
  std::mutex mutex;
  std::map<std::string, std::string> by_folder;                // folder: URL
  std::vector<std::pair<std::string, std::string>> databases;  // cluster URL, name
  pid_t owner = ::getpid();  // a forked child that exits leaves them to its parent
  ~Made() {
    if (::getpid() != owner) return;
    for (const auto& [cluster, name] : databases) {
      PGconn* admin = PQconnectdb(cluster.c_str());
      if (PQstatus(admin) == CONNECTION_OK)
        PQclear(PQexec(admin, ("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)").c_str()));
      PQfinish(admin);
    }
  }
};

Made& Databases() {
  static Made made;
  return made;
}

// FreshDatabase with the lock held.
std::string MakeDatabase(Made& made, const std::string& cluster) {
  std::string name =
      "t" + std::to_string(::getpid()) + "_" + std::to_string(made.databases.size() + 1);
  CreateDatabase(cluster, name);
  made.databases.emplace_back(cluster, name);
  return cluster.substr(0, cluster.rfind('/') + 1) + name;
}

}  // namespace

bool OnPostgres() { return std::getenv("POSTER_TEST_PG_URL_FILE") != nullptr; }

std::string FreshDatabase(const std::string& cluster) {
  Made& made = Databases();
  std::lock_guard lock(made.mutex);
  return MakeDatabase(made, cluster);
}

std::string DatabaseFor(const std::string& data_dir) {
  if (!OnPostgres()) return "";
  Made& made = Databases();
  std::string key = std::filesystem::absolute(data_dir).lexically_normal().string();
  std::lock_guard lock(made.mutex);
  if (auto it = made.by_folder.find(key); it != made.by_folder.end()) return it->second;
  return made.by_folder[key] = MakeDatabase(made, ClusterUrl());
}

std::string RunSqlAt(const std::string& url, const std::string& sql) {
  PGconn* connection = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(connection) != CONNECTION_OK) {
    error = PQerrorMessage(connection);
  } else {
    PGresult* result = PQexec(connection, sql.c_str());
    ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(connection);
  return error;
}

int64_t QueryIntAt(const std::string& url, const std::string& query) {
  PGconn* connection = PQconnectdb(url.c_str());
  int64_t value = -1;
  PGresult* result = PQexec(connection, query.c_str());
  if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) {
    std::string text = PQgetvalue(result, 0, 0);
    value = text == "t" ? 1 : text == "f" ? 0 : std::stoll(text);
  } else if (PQresultStatus(result) != PGRES_TUPLES_OK) {
    std::string error = PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(connection);
    throw std::runtime_error(query + ": " + error);
  }
  PQclear(result);
  PQfinish(connection);
  return value;
}

}  // namespace poster::testing
