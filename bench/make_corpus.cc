// make_corpus DIR [COUNT]: writes the benchmark corpus (see bench/corpus.h).
#include <cstdlib>
#include <iostream>

#include "bench/corpus.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: make_corpus DIR [COUNT]\n";
    return 2;
  }
  int count = argc > 2 ? std::atoi(argv[2]) : 24;
  poster::bench::WriteCorpus(argv[1], count);
  std::cout << "wrote " << count << " posters to " << argv[1] << "\n";
  return 0;
}
