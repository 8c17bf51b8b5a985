# One INTERFACE target carries the language level, warnings and Qt strictness flags, so every
# library, the executable and the tests are compiled the same way.
add_library(qw_options INTERFACE)
target_compile_features(qw_options INTERFACE cxx_std_20)
target_compile_definitions(qw_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QW_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(qw_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
    if(WARNINGS_AS_ERRORS)
        target_compile_options(qw_options INTERFACE -Werror)
    endif()
    if(WITH_ASAN)
        # No recovery: the first finding aborts the test that hit it, so CI cannot pass over one.
        target_compile_options(qw_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all
            -fno-omit-frame-pointer)
        target_link_options(qw_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
        # -O1 and line tables only: the sanitizers still name every frame's file and line, and the
        # tree compiles in about half the time of -O2 -g (measured on ui/mainwindow.cpp: 18 s ->
        # 8 s), which is what lets CI run the whole suite under them on every change.
        target_compile_options(qw_options INTERFACE -O1 -g1)
        # GCC's flow analysis under the sanitizers reports std::optional<QString> members as maybe
        # uninitialized (a known false positive of -Wmaybe-uninitialized with instrumentation);
        # the normal build keeps the warning.
        if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
            target_compile_options(qw_options INTERFACE -Wno-maybe-uninitialized)
        endif()
    endif()
elseif(MSVC)
    target_compile_options(qw_options INTERFACE /W4 /permissive- /utf-8)
    if(WARNINGS_AS_ERRORS)
        target_compile_options(qw_options INTERFACE /WX)
    endif()
endif()
