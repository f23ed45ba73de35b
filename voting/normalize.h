// Putting one component of every entry on 0-100 over the field (private to voting).
#pragma once

#include <cstdint>
#include <vector>

#include "voting/voting.h"

namespace poster::voting {

// Values compared exactly: rounded to 1e-9, so that equal inputs computed the
// same way always tie and a sort on them is a strict weak order.
int64_t Key(double value);

std::vector<double> Normalize(Normalization method, const std::vector<double>& values);

}  // namespace poster::voting
