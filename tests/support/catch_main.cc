// The Catch2 runner every test binary shares.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
