# poster_defaults(target): the compile settings every target of ours shares.
# Warnings are errors in our code; third-party headers come in as system headers.

if(POSTER_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

if(POSTER_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

if(POSTER_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

function(poster_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  target_compile_features(${target} PUBLIC cxx_std_20)
endfunction()

# poster_precompile(target header...): the third-party headers most of the
# target's files include, parsed once for the target instead of once a file.
# Only headers from outside the project; a build with POSTER_PCH=OFF compiles
# without it, so a file that forgets an include fails there.
function(poster_precompile target)
  if(POSTER_PCH)
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()
