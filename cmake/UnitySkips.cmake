# Unity builds (CI's, -DCMAKE_UNITY_BUILD=ON) compile a target's files eight
# at a time as one; these files share a private name (in an anonymous
# namespace) with a neighbour, so they compile alone (tests/gallery/CMakeLists.txt
# names its own).
set(poster_unity_skips
  voting/entries.cc
  voting/tally.cc
  gallery/web/http_site.cc
)
foreach(file IN LISTS poster_unity_skips)
  get_filename_component(dir "${PROJECT_SOURCE_DIR}/${file}" DIRECTORY)
  set_source_files_properties("${PROJECT_SOURCE_DIR}/${file}" DIRECTORY "${dir}"
                              PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endforeach()
