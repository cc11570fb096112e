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
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/cpp/l2lab/${name}/*.cpp)
  add_library(l2lab_${name} STATIC ${sources})
  target_include_directories(l2lab_${name} PUBLIC ${PROJECT_SOURCE_DIR}/cpp)
  target_compile_options(l2lab_${name} PRIVATE ${L2LAB_WARNINGS})
  if(L2LAB_VERIFY)
    target_compile_definitions(l2lab_${name} PUBLIC L2LAB_VERIFY=1)
  endif()
  foreach(dep IN LISTS ARGN)
    target_link_libraries(l2lab_${name} PUBLIC l2lab_${dep})
  endforeach()
endfunction()
