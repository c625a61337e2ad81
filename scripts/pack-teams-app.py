#!/usr/bin/env python3
"""Packs the Teams app: manifests/teams/{manifest.json,color.png,outline.png} -> a zip, files at the root.

Usage: scripts/pack-teams-app.py --app-id <GUID> --website-url https://... [--out out/hirebot-teams.zip]
The app id (the bot's Microsoft App ID) replaces {{MICROSOFT_APP_ID}}; --website-url replaces
{{HIREBOT_WEBSITE_URL}} (developer links must be https). Upload the zip in Teams as a custom app.
https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package
"""
import argparse
import json
import pathlib
import re
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "manifests" / "teams"
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app-id", required=True, help="the bot's Microsoft App ID (Teams__MicrosoftAppId)")
    parser.add_argument("--website-url", required=True, help="https base for the developer, privacy and terms links")
    parser.add_argument("--out", default=str(ROOT / "out" / "hirebot-teams.zip"))
    args = parser.parse_args()

    if not GUID.match(args.app_id):
        sys.exit(f"--app-id must be a GUID, got {args.app_id!r}")
    if not args.website_url.startswith("https://"):
        sys.exit("--website-url must start with https://")

    text = (SOURCE / "manifest.json").read_text(encoding="utf-8")
    text = text.replace("{{MICROSOFT_APP_ID}}", args.app_id.lower())
    text = text.replace("{{HIREBOT_WEBSITE_URL}}", args.website_url.rstrip("/"))
    left = re.findall(r"\{\{[A-Z_]+\}\}", text)
    if left:
        sys.exit(f"unfilled placeholders in manifest.json: {sorted(set(left))}")
    manifest = json.loads(text)

    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for icon in (manifest["icons"]["color"], manifest["icons"]["outline"]):
            package.write(SOURCE / icon, arcname=icon)
    print(out)


if __name__ == "__main__":
    main()
