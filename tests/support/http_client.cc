#include "tests/support/http_client.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace poster::testing {
namespace {

size_t Collect(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t CollectHeader(char* data, size_t size, size_t count, void* user) {
  std::string line(data, size * count);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    static_cast<std::multimap<std::string, std::string>*>(user)->emplace(name, value);
  }
  return size * count;
}

}  // namespace

std::string HttpReply::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

HttpClient::HttpClient(std::string base_url) : base_(std::move(base_url)), curl_(curl_easy_init()) {
  curl_easy_setopt(curl_, CURLOPT_COOKIEFILE, "");  // an in-memory cookie jar of its own
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 120L);
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

HttpReply HttpClient::Perform(const std::string& method, const std::string& path,
                              const std::string* body, std::vector<std::string> headers,
                              curl_mime* form) {
  HttpReply reply;
  curl_easy_setopt(curl_, CURLOPT_URL, (base_ + path).c_str());
  // Setting a body (even an empty mime) turns a handle into POST; GET is set last.
  if (form != nullptr) {
    curl_easy_setopt(curl_, CURLOPT_MIMEPOST, form);
  } else if (method != "GET") {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, long(body ? body->size() : 0));
    curl_easy_setopt(curl_, CURLOPT_COPYPOSTFIELDS, body ? body->c_str() : "");
  }
  curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST,
                   method == "DELETE" || method == "PUT" ? method.c_str() : nullptr);
  if (method == "GET") curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
  if (!csrf_.empty()) headers.push_back("X-CSRF-Token: " + csrf_);
  curl_slist* list = nullptr;
  for (const std::string& header : headers) list = curl_slist_append(list, header.c_str());
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, CollectHeader);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &reply.headers);
  if (curl_easy_perform(curl_) == CURLE_OK)
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(list);
  return reply;
}

void HttpClient::set_max_send_speed(long bytes_per_second) {
  curl_easy_setopt(curl_, CURLOPT_MAX_SEND_SPEED_LARGE, curl_off_t(bytes_per_second));
}

void HttpClient::set_ca_file(const std::string& path) {
  curl_easy_setopt(curl_, CURLOPT_CAINFO, path.c_str());
}

HttpReply HttpClient::Get(const std::string& path, const std::vector<std::string>& headers) {
  return Perform("GET", path, nullptr, headers);
}

HttpReply HttpClient::Post(const std::string& path, const std::string& json,
                           const std::vector<std::string>& headers) {
  std::vector<std::string> all = headers;
  all.push_back("Content-Type: application/json");
  return Perform("POST", path, &json, all);
}

HttpReply HttpClient::Put(const std::string& path, const std::string& json) {
  return Perform("PUT", path, &json, {"Content-Type: application/json"});
}

HttpReply HttpClient::Delete(const std::string& path, const std::vector<std::string>& headers) {
  return Perform("DELETE", path, nullptr, headers);
}

HttpReply HttpClient::PostRaw(const std::string& path, const std::string& body,
                              const std::string& content_type) {
  return Perform("POST", path, &body, {"Content-Type: " + content_type});
}

HttpReply HttpClient::PostForm(const std::string& path, const std::vector<FormPart>& parts) {
  curl_mime* form = curl_mime_init(curl_);
  for (const FormPart& part : parts) {
    curl_mimepart* field = curl_mime_addpart(form);
    curl_mime_name(field, part.name.c_str());
    curl_mime_data(field, part.value.data(), part.value.size());
    if (!part.filename.empty()) curl_mime_filename(field, part.filename.c_str());
  }
  HttpReply reply = Perform("POST", path, nullptr, {}, form);
  curl_mime_free(form);
  return reply;
}

HttpReply HttpClient::SignIn(const std::string& employee_id, const std::string& password) {
  HttpReply reply =
      Post("/api/auth/login",
           nlohmann::json{{"employee_id", employee_id}, {"password", password}}.dump());
  nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, false);
  if (reply.status == 200 && body.is_object()) csrf_ = body.value("csrf", "");
  return reply;
}

HttpReply HttpClient::Accept(const std::string& token, const std::string& password) {
  HttpReply reply =
      Post("/api/auth/accept", nlohmann::json{{"token", token}, {"password", password}}.dump());
  nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, false);
  if (reply.status == 200 && body.is_object()) csrf_ = body.value("csrf", "");
  return reply;
}

}  // namespace poster::testing
