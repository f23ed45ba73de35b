#include "gallery/store/audit.h"  // the CLI skipping the public header
