// File: net/asio_impl.cpp
// The one translation unit that compiles Asio's and Beast's out-of-line bodies
// (BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION, set on tito_net's users),
// so the other TUs only parse declarations.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
