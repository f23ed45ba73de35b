#include <httplib.h>  // the store serving HTTP
