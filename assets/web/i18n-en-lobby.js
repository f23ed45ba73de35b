/* i18n-en-lobby.js: the English words of the exhibition (issue 12): the lobby
   screen and the printed sheets; the same keys as i18n-ko-lobby.js. */
window.PosterText = window.PosterText || {};
window.PosterText.en = Object.assign(window.PosterText.en || {}, {
  /* ---- the lobby screen ---- */
  'lobby.controls': 'Slideshow controls',
  'lobby.pause': 'Pause',
  'lobby.play': 'Play',
  'lobby.playing': 'The slideshow is playing.',
  'lobby.paused': 'The slideshow is paused.',
  'lobby.previous': 'Previous',
  'lobby.next': 'Next',
  'lobby.fullscreen': 'Full screen',
  'lobby.exit': 'Exit',
  'lobby.hint': '← → previous/next · Space pause/play · F full screen · Esc leave',
  'lobby.waiting': 'Waiting for the list of posters; they show as soon as the server answers.',
  /* ---- what the sheets and the lobby screen say of an entry ---- */
  'exhibit.qr_alt': 'QR code to the page of {title}',
  'exhibit.type_url': 'No camera? Type this address',
  'exhibit.caption_before_voting': 'Scan the QR code with a phone camera to read about this poster.',
  'exhibit.caption_voting': 'Scan the QR code with a phone camera to see this poster, and like it if it speaks to you.',
  'exhibit.caption_voting_closed': 'Voting has closed. Scan the QR code to read about this poster; the results will show here once announced.',
  'exhibit.caption_awarded': 'Awarded {tier}. Scan the QR code to read about this poster and the results.',
  'exhibit.caption_announced': 'The results are announced. Scan the QR code to read about this poster.',
  /* ---- the sheets ---- */
  'exhibit.paper': 'Paper',
  'exhibit.paper_a4': 'A4 portrait',
  'exhibit.paper_a3': 'A3 portrait',
  'exhibit.print_hint_one': 'In the print dialog choose {size} paper and turn off headers and footers.',
  'exhibit.print_hint': 'One sheet per poster, {count} in all. In the print dialog choose {size} paper and turn off headers and footers.',
  'exhibit.sheets_title': 'Print all exhibition sheets',
  'admin.print_sheets': 'Print all exhibition sheets',
});
