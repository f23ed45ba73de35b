#include "gallery/store/sqlite.h"  // web reaching into the store
