"""English words for dates. Month and weekday names are matched case-sensitively
(see `case_sensitive_months`) so "may" the modal and "march" the verb are not months."""

from claims.extraction.languages.base import Lexicon

_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBERS = {
    # "a"/"the" are a number only before a singular unit ("a day after", not "the days after")
    r"(?:a|an|the)(?=\s+(?:day|week|month|year|decade)\b)": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
    **{word: 10 + i for i, word in enumerate(_TEENS)},
    # "sixty days", "twenty-four hours", "twenty four hours" (not "four hours")
    **{rf"{word}(?:[\s-](?:{'|'.join(_ONES)}))?": tens for word, tens in _TENS.items()},
    r"a\s+hundred": 100, r"a\s+couple\s+of": 2, r"a\s+few": 3,
}

# "ninety-six", "ninety six", "ninety", "twelve": the second half of a year said as words
_TWO_DIGITS = {
    **{word: 10 + i for i, word in enumerate(_TEENS)},
    **{word: tens for word, tens in _TENS.items()},
    **{rf"{word}[\s-]{one}": tens + i + 1 for word, tens in _TENS.items() for i, one in enumerate(_ONES)},
}

LEXICON = Lexicon(
    code="en",
    case_sensitive_months=True,
    months={
        1: ["January", r"Jan\b\.?"], 2: ["February", r"Feb\b\.?"], 3: ["March", r"Mar\b\.?"],
        4: ["April", r"Apr\b\.?"], 5: ["May"], 6: ["June", r"Jun\b\.?"], 7: ["July", r"Jul\b\.?"],
        8: ["August", r"Aug\b\.?"], 9: ["September", r"Sept?\b\.?"], 10: ["October", r"Oct\b\.?"],
        11: ["November", r"Nov\b\.?"], 12: ["December", r"Dec\b\.?"],
    },
    weekdays={
        0: ["Monday"], 1: ["Tuesday"], 2: ["Wednesday"], 3: ["Thursday"], 4: ["Friday"],
        5: ["Saturday"], 6: ["Sunday"],
    },
    weekday_prefix=None,
    relative_days={
        "the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
        "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1,
        "this morning": 0, "this afternoon": 0, "this evening": 0,
    },
    relative_periods={
        r"(?:earlier|later)\s+this\s+week": ("week", 0), r"(?:earlier|later)\s+this\s+month": ("month", 0),
        r"(?:earlier|later)\s+this\s+year": ("year", 0),
        # the unit in lower case (or a headline's capitals): "This Week" in title case is a show's name
        r"last\s+(?-i:week|WEEK)": ("week", -1), r"this\s+(?-i:week|WEEK)": ("week", 0), r"next\s+(?-i:week|WEEK)": ("week", 1),
        r"last\s+(?-i:month|MONTH)": ("month", -1), r"this\s+(?-i:month|MONTH)": ("month", 0),
        r"next\s+(?-i:month|MONTH)": ("month", 1),
        r"last\s+(?-i:year|YEAR)": ("year", -1), r"this\s+(?-i:year|YEAR)": ("year", 0), r"next\s+(?-i:year|YEAR)": ("year", 1),
    },
    # like relative_periods, found around the unit word ("year"), which keeps the trigger scan cheap
    unit_periods={
        r"(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:(?:the|this)\s+)?year": ("year", 0),
        r"(?:this|the\s+current)\s+fiscal\s+year": ("year", 0),
        r"(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the|this)\s+month": ("month", 0),
        r"(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the|this)\s+week": ("week", 0),
        r"year[-\s]end|year['’]s\s+end": ("year", 0),
        r"the\s+current\s+(?:fiscal\s+|calendar\s+)?year": ("year", 0), r"the\s+current\s+month": ("month", 0),
        r"the\s+current\s+week": ("week", 0),
        # "year-ago results", "the year-earlier quarter": the comparison with the year before
        # (the part of it the text just named, see extractor); "a year earlier" is an offset
        r"(?:the\s+(?:comparable\s+)?(?=year-\w+\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)\b))?"
        r"year-(?:ago|earlier)(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)\b)?": ("year", -1, "comparison"),
        # "in the year ended Sept. 30": a year's length, ending on the date that follows
        r"the\s+(?:fiscal\s+|full\s+)?year(?=\s+(?:ended|ending)\b)": ("year", 0, "length"),
        r"the\s+full\s+year": ("year", 0),
        # like "the latest quarter": the last complete (fiscal) year before the moment of writing
        r"the\s+(?:latest|most\s+recent)\s+(?:fiscal\s+)?year": ("year", -1),
        # "sales for the year", "a high for the year", "the first nine months of the year": a
        # definite year with none named is the year of writing, as TimeML resolves it (a year the
        # sentence goes on to qualify, "the year before", "the year when", is left alone)
        r"(?:(?<=for\s)|(?<=of\s)|(?<=during\s))(?-i:the)\s+(?:fiscal\s+)?year"
        r"(?![-'’]|\s+(?:ended|ending|before|after|earlier|ago|later|that|when|in\s+which|two)\b|\s+of\s+[a-z])": ("year", 0),
        # (one entry for its units, the fewer alternatives to try: the unit is its last word)
        r"(?:earlier|later)\s+in\s+the\s+(?:year|month|week)": ("", 0),
        # "later that year", "that same day": the year or day of the date the story last gave
        # (a bare "that day" is as often a day in general: "losses on trades made that day")
        r"(?:(?:earlier|later)\s+(?:in\s+)?)?that\s+(?:same\s+)?(?:year|month)"
        r"|(?:earlier|later)\s+(?:in\s+)?that\s+(?:same\s+)?day|that\s+same\s+day": ("", 0, "same"),
    },
    seasons={
        r"last\s+summer": ("summer", -1), r"this\s+summer": ("summer", 0), r"next\s+summer": ("summer", 1),
        r"last\s+winter": ("winter", -1), r"this\s+winter": ("winter", 0), r"next\s+winter": ("winter", 1),
        r"last\s+spring": ("spring", -1), r"this\s+spring": ("spring", 0), r"next\s+spring": ("spring", 1),
        r"last\s+(?:autumn|fall)": ("autumn", -1), r"this\s+(?:autumn|fall)": ("autumn", 0),
        r"next\s+(?:autumn|fall)": ("autumn", 1),
        # "over the summer": like "this summer" ("the fall" is left out: "the fall of the wall")
        # ("the summer of 1994" is the year's; "the early summer" this one's, early)
        r"the\s+(?:early\s+|late\s+)?summer(?!\s+of\b)": ("summer", 0), r"the\s+(?:early\s+|late\s+)?winter(?!\s+of\b)": ("winter", 0),
        r"the\s+(?:early\s+|late\s+)?spring(?!\s+of\b)": ("spring", 0), r"the\s+(?:early\s+|late\s+)?autumn(?!\s+of\b)": ("autumn", 0),
        # "this past spring": the last one
        r"this\s+past\s+summer": ("summer", -1), r"this\s+past\s+winter": ("winter", -1),
        r"this\s+past\s+spring": ("spring", -1), r"this\s+past\s+(?:autumn|fall)": ("autumn", -1),
    },
    year_shift_after_month={r"(?:of\s+)?last\s+year": -1, r"(?:of\s+)?this\s+year": 0, r"(?:of\s+)?next\s+year": 1},
    # ("a June agreement": after an article, like "the August meeting")
    month_context_before=(
        r"in|since|until|till|by|of|from|to|for|during|early|late|mid|last|next|this|the|before|after|"
        r"through|between|and|or|around|throughout|on|as\s+of|each|every|a|an"
    ),
    year_context_before=(
        r"in|since|of|by|until|till|from|to|before|after|during|early|late|mid|year|around|circa|and|or|"
        r"through|between|as|summer|winter|spring|autumn|fall|beginning|end|start|middle|fiscal|that|this|"
        # "post-1959 politics", "pre-1990 rules"
        r"post|pre|"
        # a year before a noun: "the 2010 commando raid", "his 2007 campaign", "Iran's 2009 election"
        # (not after "a": "a 2024 model", "a 2008 vintage" classify a thing, they date no happening)
        r"the|his|her|its|their|our|[a-z]+['’]s"
    ),
    year_context_after=r"[.,;:!?)\]”\"»]|$|\s+(?:and|or|to|when|year|was|were|saw|had)\b",
    year_suffix="",
    numbers=_NUMBERS,
    units={r"days?": "days", r"weeks?": "weeks", r"months?": "months", r"years?": "years", r"decades?": "decades"},
    hedges=r"exactly|precisely|just|only|about|around|roughly|approximately|some|nearly|almost|more\s+than|less\s+than|barely|over",
    later_words=r"later|afterwards|afterward|on(?=\s*[,.;])",
    after_words=r"after",
    before_words=r"before",
    earlier_words=r"earlier",
    next_unit=r"the\s+(?:next|following)",
    ago_words=r"ago",
    offset_lead="",
    range_from=r"from|between",
    range_to=r"to|and|until|through",
    future_markers=(
        r"will|shall|won['’]t|\w+['’]ll|(?:is|are|was|were)\s+due|due\s+to|plans?\s+to|planning|planned|"
        r"as\s+soon\s+as|scheduled|set\s+for|slated|upcoming|forthcoming|expected|expects?|(?:is|are)\s+to|going\s+to|set\s+to|intends?\s+to|"
        # a modal before "have" looks back ("could have emerged"); "may" the modal is lower case;
        # "next to" is a place ("the blast next to the embassy on Friday"), not a time ahead
        # an infinitive passive looks ahead ("a placement, to be completed around Nov. 1")
        r"(?:would|should|must|could|might|(?-i:may))(?!\s+have\b)|next(?!\s+to\b)|ahead\s+of|payable|to\s+be\s+[a-z]+ed"
    ),
    past_markers=(
        r"was|were|had|did|met|held|said|took|went|came|made|gave|told|flew|left|began|became|saw|won|"
        r"wrote|spoke|sent|brought|got|found|paid|led|lost|sold|spent|struck|stood|thought|kept|ago|since|"
        # irregular pasts, so a date after them is not read as the nearer future ("born on June 11")
        r"born|fell|rose|beat|ran|grew|drew|threw|chose|broke|stole|froze|wore|swore|shot|fought|caught|taught|"
        r"bought|sought|built|felt|fled|fed|sat|lay|laid|heard|withdrew|overtook|undertook|forgave|sank|swam|"
        r"drank|hung|swung|dug|stuck|slid|bled|quit|hit|"
        # more irregular pasts that are no other form of their verb ("the bullet that tore through")
        r"tore|shook|woke|awoke|rode|drove|strode|forgot|forbade|mistook|arose|overcame|oversaw|"
        r"overthrew|upheld|withheld|underwent|knew|blew|slew|hid|lit|bent|lent|dealt|meant|"
        r"slept|swept|wept|crept|knelt|understood|strung|clung|flung|spun|sang|rang|sprang|shrank|"
        r"[a-z]{2,}(?<!e)ed"
    ),
    # a regular "-ed" form before a noun is as often an adjective ("preferred shares", "its delayed
    # report"): after "will" in its own clause it is one, since no past verb can follow there. Before
    # a preposition it is a participle with a past of its own ("will examine documents seized on
    # March 2") and stays a past marker
    adjective_pasts=(
        r"[a-z]{2,}ed(?=\s+(?!(?:on|in|at|by|for|from|to|with|into|onto|over|under|during|since|until|till|"
        r"after|before|about|around|last|this|that|earlier|later|out|up|off|down|back|away)\b)[a-z])"
    ),
    # (not before "have": "could have emerged" looks back)
    modals=r"(?:will|shall|won['’]t|\w+['’]ll|would|should|must|could|might|(?-i:may))(?!\s+have\b)",
    modal_scope_break=r"[,;:()]|\s(?:and|or|but)\s|\b(?:I|you|he|she|it|we|they|who)\s+$",
    # the present tense nearest to a year-less date leaves it to the nearer occurrence
    present_markers=r"is|are",
    reporting_verbs=r"said|says|told|reported|announced|added|noted|stated|declared",
    # "is due to be published in May": a participle after "be" says nothing of when
    # "when the case is heard in May": after "is" the auxiliary gives the tense, not the participle;
    # after an article it is an adjective ("on a still unspecified date"),
    # or after a preposition ("in preferred shares"): a past verb never follows one
    participle_lead=r"\b(?:(?:be|been|being|is|are|am)|(?:a|an|the)(?:\s+still)?|in|of|for|with|on|at|from|into|by)\s+$",
    # before "by" a past form is passive: "new markets untouched by the crisis", "a plan backed by"
    participle_tail=r"\s+by\b",
    past_plan_lead=r"\b(?:had\s+(?:been\s+)?|was\s+|were\s+)$",
    # "voted to buy", "decided to admit"; not a place or an article ("to Paris", "to the court")
    infinitive=(
        r"\bto\s+(?!(?:a|an|the|this|that|these|those|his|her|its|their|our|my|your|some|any|all|each|every|no|"
        r"about|around|date|court|power|trial|office|work|school|market|prison|jail|death|bed|town|war)\b)[a-z]+\b"
    ),
    clause_openers=r"that|which|who|because|although|though|while|unless|whether",
    deadline_lead=r"\b(?:until|till|through|by|effective|extended\s+to|postponed\s+(?:to|until))\s+$",
    decade_suffix=r"['’]?s",
    decade_parts={r"early": (0, 3), r"mid": (4, 6), r"late": (7, 9)},
    eve=r"(?:on\s+)?the\s+eve\s+of",
    quarters={
        r"Q1": (1, 3), r"Q2": (4, 6), r"Q3": (7, 9), r"Q4": (10, 12), r"H1": (1, 6), r"H2": (7, 12),
        r"(?:the\s+)?first\s+quarter\s+of": (1, 3), r"(?:the\s+)?second\s+quarter\s+of": (4, 6),
        r"(?:the\s+)?third\s+quarter\s+of": (7, 9), r"(?:the\s+)?(?:fourth|final|last)\s+quarter\s+of": (10, 12),
        r"(?:the\s+)?first\s+half\s+of": (1, 6), r"(?:the\s+)?(?:second|last|latter)\s+half\s+of": (7, 12),
    },
    number_labels=(
        r"articles?|resolutions?|sections?|chapters?|clauses?|paragraphs?|rules?|items?|no\.?|nos\.?|numbers?|"
        r"flights?|routes?|highways?|rooms?|pages?|pp?\.|models?|platforms?|gates?|bus|lines?|units?|lots?|"
        r"bills?|decrees?|directives?|regulations?|orders?|cases?|codes?|channels?|versions?|#"
    ),
    ordinal_day_lead=r"on|by|until|till|from|since|before|after",
    # an abbreviated month before a capitalised word is a first name: "Jan Novak", "Jun Park"
    month_alone_guard=r"(?!(?<=\b(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec))\s+(?-i:[A-Z]))",
    previous_unit=r"the\s+(?:previous|preceding|prior)",
    season_names={r"spring": "spring", r"summer": "summer", r"autumn": "autumn", r"(?<=in\s)fall|(?<=the\s)fall": "autumn"},
    day_parts={
        r"morning": "MO", r"mid-?morning": "MO", r"afternoon": "AF", r"mid-?afternoon": "AF",
        r"evening": "EV", r"night": "NI", r"overnight": "NI",
    },
    duration_units={
        r"years?": "years", r"months?": "months", r"weeks?": "weeks", r"days?": "days", r"hours?": "hours",
        r"minutes?": "minutes", r"seconds?": "seconds", r"decades?": "decades", r"centur(?:y|ies)": "centuries",
        # "eight trading days": days all the same, counted on the markets' (or offices') calendar
        r"(?:trading|business|working)\s+days?": "days",
        r"quarters?": "quarters",
    },
    # None: an amount the text leaves open ("a few days" is PXD, though an offset counts it as 3)
    duration_numbers={r"a|an": 1, r"several|a\s+few|few|many|recent|the\s+last\s+few|the\s+past\s+few": None},
    duration_leads={r"(?:the\s+)?(?:past|last)": -1, r"(?:the\s+)?(?:next|coming)": 1, r"the(?:\s+first)?": 0},
    mods_of_hedges={
        r"about|around|roughly|approximately|some|nearly|almost": "APPROX", r"more\s+than|over(?!\s+the\b)": "MORE_THAN",
        r"less\s+than|under": "LESS_THAN", r"at\s+least": "EQUAL_OR_MORE", r"up\s+to|no\s+more\s+than": "EQUAL_OR_LESS",
    },
    sets={
        r"daily": "P1D", r"weekly": "P1W", r"monthly": "P1M", r"annually|yearly": "P1Y", r"hourly": "PT1H",
    },
    set_every=r"every|each|per",
    set_times=r"once|twice|(?:two|three|four|five|\d+)\s+times",
    refs={
        r"now|right\s+now|currently|current(?=\s+[a-z])|at\s+present|nowadays|these\s+days": "PRESENT_REF",
        r"recently|recent(?=\s+[a-z])|the\s+past(?!\s+(?:[0-9]|several|few))": "PAST_REF",
        # "at 50% of the then current market price": current as it was then
        r"then[\s-]current(?=\s+[a-z])": "PAST_REF",
        r"the\s+(?:near\s+|distant\s+)?future": "FUTURE_REF",
        # "the challenges of the near term", "to placate holders in the short term"
        r"the\s+(?:near|short)\s+term(?![-\w])": "FUTURE_REF",
        # "to be financed at a later date": some time ahead, as "in the future"
        r"a\s+later\s+date": "FUTURE_REF",
        # "soon" in a clause that looks ahead ("may soon seek", "it soon will begin", "expects sales to
        # soon grow"); in a narrative "was soon released" is soon after its own events, not the writing
        r"(?:(?<=will\s)|(?<=would\s)|(?<=may\s)|(?<=might\s)|(?<=could\s)|(?<=should\s)|(?<=\bto\s))soon"
        r"|soon(?=\s+will\b)|as\s+soon\s+as\s+possible": "FUTURE_REF",
    },
    ref_triggers=r"now|current|currently|recent|recently|present|nowadays|these|past|future|soon|term|later\s+date",
    clock=(
        r"(?:(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)|(?P<h24>[0-2]?\d):(?P<m24>[0-5]\d)(?!\d)"
        r"|(?P<noon>noon|midnight|midday))"
    ),
    clock_zone=r"\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time)",
    weekends={r"(?:the|this)\s+weekend": 0, r"(?:last|this\s+past)\s+weekend": -1, r"next\s+weekend": 1},
    quarter_refs={r"the\s+(?:latest|most\s+recent|just-ended|recent)\s+quarter": "last", r"the\s+quarter": "context",
                  r"the\s+current\s+quarter": "current",
                  # an earnings report's "latest period" is the quarter it reports
                  r"the\s+(?:latest|most\s+recent)\s+period|that\s+quarter": "context"},
    # words the quarter references are found around that are no unit of time
    unit_triggers=r"period",
    season_triggers=r"summer|winter|spring|autumn|fall",
    year_article=r"a|an",
    year_classifiers=r"model|vintage|edition|version|release|issue|make|style|series",
    # "in the coming years"; "over the years" and "the weeks ahead" leave the amount open too
    open_duration_leads=r"(?:the\s+)?coming|(?<=over\s)the|the(?=\s+[a-z]+\s+ahead\b)",
    one_unit_after=r"(?<=the\spast\s)",  # ("the last year" is left to "last year", found first)
    one_unit_units=r"year|decade|century|month|week",
    # holidays on the same day wherever English news is written (not a country's Independence Day);
    # Thanksgiving as the US keeps it, the fourth Thursday of November
    holidays={
        r"New\s+Year['’]s\s+Day": (1, 1), r"Christmas(?:\s+Day)?(?!\s+Eve)": (12, 25), r"Christmas\s+Eve": (12, 24),
        r"New\s+Year['’]s\s+Eve": (12, 31), r"Valentine['’]s\s+Day": (2, 14),
        r"Halloween": (10, 31), r"Thanksgiving(?:\s+Day)?": (11, -4),
    },
    named_shift={r"last|past": -1, r"this": 0, r"next|coming": 1},
    century=r"(?:the\s+)?(?P<cent>[12]?\d)(?:st|nd|rd|th)\s+century",
    spoken_centuries={r"nineteen": 19},
    spoken_two_digits=_TWO_DIGITS,
    spoken_thousands={r"the\s+year\s+two\s+thousand": 2000},
    quarter_alone={r"first": 1, r"second": 2, r"third": 3, r"fourth": 4},
    week_of=r"the\s+week\s+of",
    and_a_half=r"and\s+a\s+half",
    day_coordination=r"and|or",
    short_decade_mark=r"['’]",
    # (after "the" only: "in his sixties" is an age)
    decade_words={r"twenties": 20, r"thirties": 30, r"forties": 40, r"fifties": 50, r"sixties": 60,
                  r"seventies": 70, r"eighties": 80, r"nineties": 90},
    unit_long=r"-long",
    comparison_lead=r"compared\s+with|from|than",
    year_possessives={r"last\s+year['’]s": -1, r"this\s+year['’]s": 0, r"next\s+year['’]s": 1},
    years_after_quarter={r"a\s+year\s+(?:ago|earlier)": -1},
    edge_mods={
        r"early": "START", r"late": "END", r"mid-?": "MID", r"the\s+(?:beginning|start)\s+of": "START",
        r"the\s+end\s+of": "END", r"the\s+middle\s+of": "MID",
    },
    abbreviations=frozenset(
        "mr mrs ms dr prof gen col lt sgt st mt no vs etc jan feb mar apr jun jul aug sep sept oct nov dec "
        "inc ltd co corp jr sr gov sen rep pres approx est fig e.g i.e u.s u.k u.n".split()
    ),
)
