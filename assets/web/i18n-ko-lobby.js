/* i18n-ko-lobby.js: the Korean words of the exhibition (issue 12): the lobby
   screen (#/slideshow, its kiosk mode) and the printed sheets (#/sheet/N,
   #/sheets). i18n-en-lobby.js has these keys in English. */
window.PosterText = window.PosterText || {};
window.PosterText.ko = Object.assign(window.PosterText.ko || {}, {
  /* ---- the lobby screen ---- */
  'lobby.controls': '슬라이드쇼 조작',
  'lobby.pause': '일시정지',
  'lobby.play': '재생',
  'lobby.playing': '슬라이드쇼가 재생 중입니다.',
  'lobby.paused': '슬라이드쇼를 일시정지했습니다.',
  'lobby.previous': '이전',
  'lobby.next': '다음',
  'lobby.fullscreen': '전체 화면',
  'lobby.exit': '나가기',
  'lobby.hint': '← → 넘기기 · 스페이스 일시정지/재생 · F 전체 화면 · Esc 나가기',
  'lobby.waiting': '작품 목록을 기다리고 있습니다. 연결되면 바로 보여 드립니다.',
  /* ---- what the sheets and the lobby screen say of an entry ---- */
  'exhibit.qr_alt': '{title} 작품 페이지로 가는 QR 코드',
  'exhibit.type_url': '카메라가 없으면 주소를 입력하세요',
  'exhibit.caption_before_voting': '휴대전화 카메라로 QR 코드를 찍으면 이 작품의 설명을 볼 수 있습니다.',
  'exhibit.caption_voting': '휴대전화 카메라로 QR 코드를 찍어 작품을 보고, 마음에 들면 좋아요를 눌러 주세요.',
  'exhibit.caption_voting_closed': '투표가 끝났습니다. QR 코드를 찍으면 작품 설명을 볼 수 있고, 결과는 발표 후 이곳에 표시됩니다.',
  'exhibit.caption_awarded': '{tier} 수상작입니다. QR 코드를 찍으면 작품 설명과 심사 결과를 볼 수 있습니다.',
  'exhibit.caption_announced': '심사 결과가 발표되었습니다. QR 코드를 찍으면 작품 설명을 볼 수 있습니다.',
  /* ---- the sheets ---- */
  'exhibit.paper': '용지',
  'exhibit.paper_a4': 'A4 세로',
  'exhibit.paper_a3': 'A3 세로',
  'exhibit.print_hint_one': '인쇄 창에서 용지를 {size:으로} 고르고 머리글과 바닥글은 끄세요.',
  'exhibit.print_hint': '작품마다 한 장씩, 모두 {count}장이 인쇄됩니다. 인쇄 창에서 용지를 {size:으로} 고르고 머리글과 바닥글은 끄세요.',
  'exhibit.sheets_title': '전시용 안내지 모두 인쇄',
  'admin.print_sheets': '전시용 안내지 모두 인쇄',
});
