#include <iostream>

#include "cli_app.hpp"

int main(int argc, char** argv) { return kns::cli::main(argc, argv, std::cin, std::cout, std::cerr); }
