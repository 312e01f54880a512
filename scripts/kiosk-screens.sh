#!/bin/sh
# Regenerates the golden pictures of every kiosk screen (az/ru/en, standard and large text,
# 540x960) and the gallery page that shows them, Docs/Kiosk-screens.md.
# The pictures live in Tests/LobbyKioskRenderTests/Golden: GoldenTests compares every screen
# against them pixel by pixel (tolerance 8 per channel, at most 0.1 % of pixels differ), so the
# gallery is what the tests hold the kiosk to. Review the changed pictures before committing.
# Usage: scripts/kiosk-screens.sh   (after `swift build --build-tests`)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
LOBBY_RECORD_GOLDEN=1 swift test --skip-build --no-parallel --filter GoldenTests >/dev/null
golden=Tests/LobbyKioskRenderTests/Golden
out=Docs/Kiosk-screens.md
{
    echo "# Kiosk screens"
    echo
    echo "Every screen of the kiosk in each language and in large-text mode, at 540×960, drawn from"
    echo "the sample centre's representative states (\`KioskSampleStates\`). These are the golden"
    echo "pictures \`GoldenTests\` compares the kiosk against; \`scripts/kiosk-screens.sh\` regenerates"
    echo "them and this page."
    for screen in $(ls "$golden" | sed -E 's/-(az|ru|en)(-accessible)?\.png$//' | sort -u); do
        echo
        echo "## $screen"
        echo
        row1="|"; row2="|"; row3="|"
        for picture in $(ls "$golden" | grep -E "^$screen-(az|ru|en)(-accessible)?\.png$" | sort); do
            name=${picture%.png}
            row1="$row1 ${name#"$screen"-} |"
            row2="$row2---|"
            row3="$row3 ![$name](../$golden/$picture) |"
        done
        echo "$row1"; echo "$row2"; echo "$row3"
    done
} > "$out"
echo "wrote $out and $(ls "$golden" | wc -l) pictures in $golden"
