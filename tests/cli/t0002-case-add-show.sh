# add / set / link / show / list / history / log with golden outputs.
. "$(dirname "$0")/lib.sh"

"$DOSSIER" init c >/dev/null || fail init
cd c || fail cd
run add Source --id src-1 name="Test video" reliability=B kind=media
expect_rc 0 "add source"
run add Person --id p-chan name=陳大文 name="CHAN Tai-man" gender=male \
    birthDate="Dec 1960" --source src-1 --confidence probable
expect_rc 0 "add person"
expect_in out "p-chan" "add prints the id"
run set p-chan hkid "a123456 3"
expect_rc 0 "set hkid"
run set p-chan alias="Chen Dawen" nationality=HKG --qualifier pinyin
expect_rc 0 "set pairs"
run add Organization --id u-7 name="Tactical Company 7"
run add Position --id post-cc name="Company Commander" organization=u-7 \
    isCommand=yes
expect_rc 0 "add position"
run link Occupancy p-chan post-cc --id occ-1 startDate=2019-06 \
    endDate=2020-03 rank=Superintendent
expect_rc 0 "link occupancy"
run show p-chan
expect_rc 0 "show"
golden out show-person.exp
run show p-chan --json
expect_rc 0 "show --json"
python3 -c 'import json,sys; d=json.load(open("out")); assert d["id"]=="p-chan"; assert len(d["statements"])==7, len(d["statements"]); assert d["referenced_by"][0]["entity"]=="occ-1"' ||
    fail "show --json content"
run list
golden out list.exp
run holders u-7 --on 2019-11-18
expect_rc 0 "holders"
golden out holders.exp
run history p-chan
golden out history.exp
run log
expect_rc 0 "log"
expect_in out "entity.add" "log has entity.add"
expect_in out "tester" "log names the author"
run search Tai-man
expect_in out "p-chan" "search finds by romanised name"
run search 陳大文 --json
expect_in out "\"entity\":\"p-chan\"" "search finds by Han name"
