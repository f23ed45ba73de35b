/* api.js: the API client: JSON requests with the session's CSRF token, the
   uploads with real progress, and ApiError for every refusal. */
(function () {
  'use strict';
  const P = (window.Poster = window.Poster || {});

  function ApiError(status, body) {
    const data = body || {};
    this.name = 'ApiError';
    this.status = status;
    this.code = data.code || (status ? 'http_' + status : 'network');
    this.message = data.message || '';
    this.message_en = data.message_en || '';
    this.details = data.details || {};
    this.body = data;
  }
  ApiError.prototype = Object.create(Error.prototype);
  P.ApiError = ApiError;

  function networkError() {
    return new ApiError(0, {
      code: 'network', message: P.t('error.network'), message_en: (window.PosterText.en || {})['error.network'],
    });
  }

  function parseBody(text) {
    if (!text) return null;
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  async function request(method, path, body, contentType) {
    if (P.isStatic) {
      if (method === 'GET') return P.staticGet(path);
      throw P.staticError(403, 'not_available');
    }
    const headers = { Accept: 'application/json' };
    if (method !== 'GET' && P.csrf) headers['X-CSRF-Token'] = P.csrf;
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
      payload = contentType ? body : JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(P.url(path), { method: method, headers: headers, body: payload, credentials: 'same-origin' });
    } catch (e) {
      throw networkError();
    }
    const data = parseBody(await response.text());
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  P.api = {
    get: function (path) { return request('GET', path); },
    post: function (path, body) { return request('POST', path, body === undefined ? {} : body); },
    postRaw: function (path, body, contentType) { return request('POST', path, body, contentType); },
    del: function (path) { return request('DELETE', path); },
    put: function (path, body) { return request('PUT', path, body); },
  };

  // multipart upload through XMLHttpRequest, so that progress is real.
  // onProgress(fraction, uploaded): uploaded is true once the body is sent.
  P.upload = function (path, form, onProgress) {
    return new Promise(function (resolve, reject) {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', P.url(path));
      xhr.setRequestHeader('Accept', 'application/json');
      if (P.csrf) xhr.setRequestHeader('X-CSRF-Token', P.csrf);
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) onProgress(e.loaded / e.total, false);
      });
      xhr.upload.addEventListener('load', function () { onProgress(1, true); });
      xhr.addEventListener('load', function () {
        const data = parseBody(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) resolve(data);
        else reject(new ApiError(xhr.status, data));
      });
      xhr.addEventListener('error', function () { reject(networkError()); });
      xhr.send(form);
    });
  };
})();
