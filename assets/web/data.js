/* data.js: empty when the pages are served by `poster serve`. The static
   export replaces this file with
   window.POSTER_DATA = {contest: ..., gallery: ..., entries: {"7": ...}, results: ...};
   and static-site.js then answers the public GETs from it (staticGet). */
