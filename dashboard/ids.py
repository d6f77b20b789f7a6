"""Every component id of the app, in one place (pages import them from here)."""

from __future__ import annotations

# -- static layout -------------------------------------------------------------------------
URL = "url"
PAGE = "page-content"
NAV = "nav"
LANG = "lang"
LANG_STORE = "lang-store"
IMAGE_FORMAT = "image-format"
SELECTION = "selection-store"
SELECTION_LABEL = "selection-label"
SELECTION_CLEAR = "selection-clear"
SCENARIO = "scenario-store"
BANNER = "store-banner"
WARM_POLL = "warm-poll"
#: The data a page was drawn from, and the newest data ready (a change redraws the page).
SHOWN_KEY = "shown-key"
#: Whether the URL's query was applied to the view (once per browser tab).
URL_RESTORED = "url-restored"
DATA_KEY = "data-key"

#: Pattern-matching id type of every dcc.Graph (its config follows the image format).
FIGURE = "figure"
#: Pattern-matching id type of the nav links.
NAV_LINK = "nav-link"


def figure(name: str) -> dict[str, str]:
    """The id of a figure: ``{"type": "figure", "name": name}``."""
    return {"type": FIGURE, "name": name}


# -- national map ----------------------------------------------------------------------------
MAP_TIE_KINDS = "map-tie-kinds"
MAP_CONFIDENCE = "map-confidence"
MAP_YEARS = "map-years"
MAP_PHASE = "map-phase"
MAP_COLOR_BY = "map-color-by"
MAP_FIGURE = figure("map")
MAP_CLUSTER = "map-cluster"
MAP_CONTROLS_NOTE = "map-controls-note"
MAP_DETAILS = "map-details"
MAP_CSV = "map-csv"
MAP_CSV_DOWNLOAD = "map-csv-download"
MAP_TIES_GRID = "map-ties-grid"

# -- cluster profile -----------------------------------------------------------------------
PROFILE_FIGURE = figure("profile-map")
PROFILE_XLSX = "profile-xlsx"
PROFILE_PDF = "profile-pdf"
PROFILE_DOWNLOAD = "profile-download"
PROFILE_CLUSTER = "profile-cluster"
PROFILE_MEMBERS = "profile-members"
PROFILE_ROLES = "profile-roles"
PROFILE_GAPS = "profile-gaps"
PROFILE_PARTNERS = "profile-partners"
PROFILE_EVIDENCE = "profile-evidence"

# -- network explorer ------------------------------------------------------------------------
NET_SEARCH = "net-search"
NET_RESULTS = "net-results"
NET_CENTRALITY = "net-centrality"
NET_DEPTH = "net-depth"
NET_FIGURE = figure("network")
NET_INFO = "net-info"
NET_TIES = "net-ties"
NET_CSV = "net-csv"
NET_CSV_DOWNLOAD = "net-csv-download"
NET_TIES_GRID = "net-ties-grid"
NET_EXPANDED = "net-expanded"
NET_COLLAPSE_ALL = "net-collapse-all"
NET_BACK = "net-back"
NET_GROUP_BY = "net-group-by"
NET_LAYOUT = "net-layout"
NET_LABELS = "net-labels"
NET_MIN_DEGREE = "net-min-degree"
NET_NOTE = "net-note"

# -- cluster gaps ----------------------------------------------------------------------------
GAPS_FIGURE = figure("gaps")
GAPS_GRID = "gaps-grid"
GAPS_TIES = "gaps-ties"
GAPS_TITLE = "gaps-drill-title"
GAPS_CSV = "gaps-csv"
GAPS_CSV_DOWNLOAD = "gaps-csv-download"
GAPS_TIES_GRID = "gaps-ties-grid"

# -- hub roles -------------------------------------------------------------------------------
ROLES_PARTITION = "roles-partition"
ROLES_FIGURE = figure("roles")
ROLES_BROKERAGE = figure("brokerage")
ROLES_SPOF = "roles-spof"
ROLES_CSV = "roles-csv"
ROLES_CSV_DOWNLOAD = "roles-csv-download"

# -- partner finder --------------------------------------------------------------------------
PARTNER_ORG = "partner-org"
PARTNER_CLUSTER = "partner-cluster"
PARTNER_RUN = "partner-run"
PARTNER_GRID = "partner-grid"
PARTNER_FIGURE = figure("partner-path")
PARTNER_STATUS = "partner-status"
PARTNER_CSV = "partner-csv"
PARTNER_CSV_DOWNLOAD = "partner-csv-download"

# -- what-if ---------------------------------------------------------------------------------
WHATIF_SOURCE = "whatif-source"
WHATIF_TARGET = "whatif-target"
WHATIF_KIND = "whatif-kind"
WHATIF_ADD = "whatif-add"
WHATIF_FROM_CLUSTER = "whatif-from-cluster"
WHATIF_TO_CLUSTER = "whatif-to-cluster"
WHATIF_DISPATCH = "whatif-dispatch"
WHATIF_RESET = "whatif-reset"
WHATIF_EXPORT = "whatif-export"
WHATIF_DOWNLOAD = "whatif-download"
WHATIF_CHANGES = "whatif-changes"
WHATIF_SUMMARY = "whatif-summary"
WHATIF_PAIRS = "whatif-pairs"
WHATIF_NODES = "whatif-nodes"
WHATIF_FIGURE = figure("whatif-gaps")

# -- data ------------------------------------------------------------------------------------
DATA_TABLE = "data-table"
DATA_GRID = "data-grid"
#: The holder of the data grid (redrawn when the table or the language changes).
DATA_GRID_HOLDER = "data-grid-holder"
DATA_CSV = "data-csv"
DATA_XLSX = "data-xlsx"
DATA_DOWNLOAD = "data-download"
DATA_SCOPE = "data-scope"
