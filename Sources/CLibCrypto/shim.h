/* OpenSSL's libcrypto (Debian libssl-dev): digests, HMAC and DES-EDE through the EVP interface (Decision 0055). */
#include <openssl/evp.h>
#include <openssl/err.h>
