# Holds each room of gallery/ (and app/) to the headers its link line allows:
#   cmake -DROOT=<checkout> -P tests/rooms/check_rooms.cmake
# Every line of a file's includes is checked; any include a room may not make
# is printed as "FILE:LINE: ROOM may not include HEADER (why)" and the script
# fails. tests/rooms/violations/ holds one of each kind, so the test that runs
# this on it proves the check can fail.
if(NOT DEFINED ROOT)
  message(FATAL_ERROR "usage: cmake -DROOT=<checkout> -P check_rooms.cmake")
endif()

# The public headers of the modules below gallery; the rest of each is private.
set(public_elsewhere "base/[a-z0-9_]+\\.h" "ingest/ingest\\.h" "voting/voting\\.h" "assets/assets\\.h")

# room: folder | project headers it may include (regexes) | system headers it never may
set(rooms
  "gallery/config|gallery/config/[a-z0-9_]+\\.h|sqlite3\\.h,libpq-fe\\.h,httplib\\.h"
  "gallery/store|gallery/store/[a-z0-9_]+\\.h,gallery/config/config\\.h|httplib\\.h,curl/.*,toml\\+\\+/.*"
  "gallery/web|gallery/web/[a-z0-9_]+\\.h,gallery/store/store\\.h,gallery/config/config\\.h|sqlite3\\.h,libpq-fe\\.h,curl/.*,toml\\+\\+/.*"
  "gallery/mail|gallery/mail/[a-z0-9_]+\\.h,gallery/store/store\\.h,gallery/config/config\\.h|sqlite3\\.h,libpq-fe\\.h,httplib\\.h,toml\\+\\+/.*"
  "app|app/[a-z0-9_]+\\.h,gallery/gallery\\.h,gallery/config/config\\.h,gallery/store/store\\.h,gallery/web/web\\.h,gallery/mail/mail\\.h|sqlite3\\.h,libpq-fe\\.h,httplib\\.h,curl/.*,toml\\+\\+/.*")

set(found 0)
foreach(room IN LISTS rooms)
  string(REPLACE "|" ";" parts "${room}")
  list(GET parts 0 folder)
  list(GET parts 1 allowed)
  list(GET parts 2 forbidden)
  string(REPLACE "," ";" allowed "${allowed}")
  string(REPLACE "," ";" forbidden "${forbidden}")
  list(APPEND allowed ${public_elsewhere})
  file(GLOB files "${ROOT}/${folder}/*.cc" "${ROOT}/${folder}/*.h")
  foreach(file IN LISTS files)
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include")
    file(RELATIVE_PATH name "${ROOT}" "${file}")
    foreach(line IN LISTS lines)
      if(line MATCHES "#[ \t]*include[ \t]*\"([^\"]+)\"")
        set(header "${CMAKE_MATCH_1}")
        set(ok FALSE)
        foreach(pattern IN LISTS allowed)
          if(header MATCHES "^${pattern}$")
            set(ok TRUE)
          endif()
        endforeach()
        if(NOT ok)
          message("${name}: ${folder} may not include \"${header}\" (another room's private header)")
          math(EXPR found "${found} + 1")
        endif()
      elseif(line MATCHES "#[ \t]*include[ \t]*<([^>]+)>")
        set(header "${CMAKE_MATCH_1}")
        foreach(pattern IN LISTS forbidden)
          if(header MATCHES "^${pattern}$")
            message("${name}: ${folder} may not include <${header}> (not on its link line)")
            math(EXPR found "${found} + 1")
          endif()
        endforeach()
      endif()
    endforeach()
  endforeach()
endforeach()

if(found GREATER 0)
  message(FATAL_ERROR "${found} include(s) reach past their room")
endif()
message("every room includes only what its link line allows")
