// A browser-like HTTP client on libcurl for the API tests: it keeps its own
// cookies and sends the CSRF token once it knows one.
#pragma once

#include <curl/curl.h>

#include <map>
#include <string>
#include <vector>

namespace poster::testing {

struct HttpReply {
  long status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string Header(const std::string& name) const;
};

struct FormPart {
  FormPart(std::string field, std::string text, std::string file = "")
      : name(std::move(field)), value(std::move(text)), filename(std::move(file)) {}
  std::string name;
  std::string value;     // the text, or the file's bytes
  std::string filename;  // set for a file part
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpReply Get(const std::string& path, const std::vector<std::string>& headers = {});
  HttpReply Post(const std::string& path, const std::string& json,
                 const std::vector<std::string>& headers = {});
  HttpReply Delete(const std::string& path, const std::vector<std::string>& headers = {});
  HttpReply Put(const std::string& path, const std::string& json);
  HttpReply PostForm(const std::string& path, const std::vector<FormPart>& parts);
  HttpReply PostRaw(const std::string& path, const std::string& body,
                    const std::string& content_type);

  // Signs in with a password and remembers the CSRF token from the answer.
  HttpReply SignIn(const std::string& employee_id, const std::string& password);
  // Sets the first password from an invitation token; signed in afterwards.
  HttpReply Accept(const std::string& token, const std::string& password);
  void set_csrf(std::string csrf) { csrf_ = std::move(csrf); }
  // Sends no faster than this (0: as fast as it can), like a phone on a slow network.
  void set_max_send_speed(long bytes_per_second);
  // Trusts the certificates in this PEM file (a test's own self-signed one) for https.
  void set_ca_file(const std::string& path);
  const std::string& csrf() const { return csrf_; }

 private:
  HttpReply Perform(const std::string& method, const std::string& path, const std::string* body,
                    std::vector<std::string> headers, curl_mime* form = nullptr);
  std::string base_;
  std::string csrf_;
  CURL* curl_;
};

}  // namespace poster::testing
