/* libsodium (Debian libsodium-dev): Argon2id password hashes, random bytes, generic hashes (Decision 0051). */
#include <sodium.h>
