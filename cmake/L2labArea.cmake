# l2lab_add_area(<name> [<lower area> ...])
# Builds cpp/l2lab/<name>/*.cpp into the static library l2lab_<name>. The area may only
# include headers of the areas it links (checked by tests/python/test_layering.py).
set(L2LAB_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Werror)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 at -O3 reports -Wrestrict/-Wstringop-overflow false positives inside libstdc++ string
  # code inlined from Boost.Multiprecision's to-string path (GCC bugs 105329, 105651).
  list(APPEND L2LAB_WARNINGS -Wno-restrict -Wno-stringop-overflow)
endif()

function(l2lab_add_area name)
  l2lab_add_area_dir(${name} ${name} ${ARGN})
endfunction()

# l2lab_add_area_dir(<name> <dir under cpp/l2lab> [<lower area> ...])
# Like l2lab_add_area for a library whose sources sit in a sub-folder of an area
# (cpp/l2lab/validity/stark -> l2lab_stark). An area folder without any .cpp yet defines no
# target; l2lab_link_present() then skips it, so an area can land file by file.
function(l2lab_add_area_dir name dir)
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/cpp/l2lab/${dir}/*.cpp)
  if(NOT sources)
    message(STATUS "l2lab: area ${name} (cpp/l2lab/${dir}) has no sources yet; skipped")
    return()
  endif()
  add_library(l2lab_${name} STATIC ${sources})
  target_include_directories(l2lab_${name} PUBLIC ${PROJECT_SOURCE_DIR}/cpp)
  target_compile_options(l2lab_${name} PRIVATE ${L2LAB_WARNINGS})
  if(L2LAB_VERIFY)
    target_compile_definitions(l2lab_${name} PUBLIC L2LAB_VERIFY=1)
  endif()
  l2lab_link_present(l2lab_${name} PUBLIC ${ARGN})
endfunction()

# l2lab_link_present(<target> <PUBLIC|PRIVATE|INTERFACE> <area> ...): link the areas that exist.
function(l2lab_link_present target scope)
  foreach(dep IN LISTS ARGN)
    if(TARGET l2lab_${dep})
      target_link_libraries(${target} ${scope} l2lab_${dep})
    endif()
  endforeach()
endfunction()
