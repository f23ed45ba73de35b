// libFuzzer: an upload's body, through the path the server takes: cpp-httplib
// reads the request and its multipart parts (the same ContentReader entry
// point as gallery/http_site.cc's RouteUpload), our UploadReader keeps the
// parts within their limits, and SubmissionOf reads the declared fields.
#include <cstddef>
#include <cstdint>
#include <string>

#include "gallery/web/http_site.h"

namespace {

using namespace poster::gallery;

// The request's bytes in memory; whatever is answered is dropped.
class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(std::string bytes) : bytes_(std::move(bytes)) {}
  bool is_readable() const override { return at_ < bytes_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, bytes_.size() - at_);
    bytes_.copy(ptr, n, at_);
    at_ += n;
    return ssize_t(n);
  }
  ssize_t write(const char*, size_t size) override { return ssize_t(size); }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 1;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 2;
  }
  socket_t socket() const override { return 0; }

 private:
  std::string bytes_;
  size_t at_ = 0;
};

class UploadServer : public httplib::Server {
 public:
  UploadServer() {
    Post("/api/entries",
         [](const httplib::Request&, httplib::Response&, const httplib::ContentReader& reader) {
           web::UploadReader upload(1 << 20);
           bool whole =
               reader([&](const httplib::MultipartFormData& part) { return upload.Part(part); },
                      [&](const char* data, size_t length) { return upload.Data(data, length); });
           if (whole && upload.status().ok()) {
             Submission submission = web::SubmissionOf(upload.upload(), "E1001");
             if (submission.author != "E1001") __builtin_trap();
           }
         });
  }
  void Serve(std::string request) {
    MemoryStream stream(std::move(request));
    bool closed = false;
    (void)process_request(stream, true, closed, nullptr);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static UploadServer server;
  std::string body(reinterpret_cast<const char*>(data), size);
  server.Serve(
      "POST /api/entries HTTP/1.1\r\nHost: fuzz\r\nContent-Type: multipart/form-data; "
      "boundary=BOUNDARY\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  return 0;
}
