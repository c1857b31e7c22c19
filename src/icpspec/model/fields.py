"""The catalogue of standard record fields, their types and column-name aliases.

A criterion reads one *field* of an account or a contact. The catalogue says
what type each standard field has (so ``between`` on ``industry`` is an error
when the spec loads, not a silent miss when it runs), what it means, which
kind of characteristic it describes, and which column names in CRM exports
and enrichment files commonly hold it. A spec can declare more under
``fields:``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping

import attrs

__all__ = [
    "ACCOUNT_FIELDS",
    "CONTACT_FIELDS",
    "Entity",
    "FieldCategory",
    "FieldDefinition",
    "FieldType",
    "normalize_column_name",
    "resolve_fields",
]


class FieldType(enum.StrEnum):
    """The type of a record field; decides which operators may read it."""

    INTEGER = "integer"
    NUMBER = "number"
    STRING = "string"
    BOOLEAN = "boolean"
    DATE = "date"
    COUNTRY = "country"
    STRING_LIST = "list[string]"


class FieldCategory(enum.StrEnum):
    """The kind of characteristic a field describes."""

    FIRMOGRAPHIC = "firmographic"
    GEOGRAPHIC = "geographic"
    TECHNOGRAPHIC = "technographic"
    BEHAVIORAL = "behavioral"
    PSYCHOGRAPHIC = "psychographic"
    DEMOGRAPHIC = "demographic"
    OTHER = "other"


class Entity(enum.StrEnum):
    """Whose field it is: an account (company) or a contact (person)."""

    ACCOUNT = "account"
    CONTACT = "contact"


@attrs.frozen
class FieldDefinition:
    """A record field: its id, type, meaning and the column names that hold it."""

    id: str
    type: FieldType
    description: str | None = None
    aliases: tuple[str, ...] = ()
    entity: Entity = Entity.ACCOUNT
    category: FieldCategory = FieldCategory.OTHER


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize_column_name(name: str) -> str:
    """Fold a column name for alias matching: case, spaces and punctuation ignored.

    >>> normalize_column_name("Number of Employees")
    'number_of_employees'
    """
    return _NON_ALNUM.sub("_", name.casefold()).strip("_")


def _catalogue(
    entity: Entity, rows: Iterable[tuple[str, FieldType, FieldCategory, str, str]]
) -> Mapping[str, FieldDefinition]:
    fields = {}
    for id_, type_, category, description, aliases in rows:
        fields[id_] = FieldDefinition(
            id=id_,
            type=type_,
            description=description,
            aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
            entity=entity,
            category=category,
        )
    return fields


_T, _C = FieldType, FieldCategory

#: The standard account (company) fields.
ACCOUNT_FIELDS: Mapping[str, FieldDefinition] = _catalogue(
    Entity.ACCOUNT,
    [
        (
            "name",
            _T.STRING,
            _C.OTHER,
            "The company's name.",
            "company | company_name | account | account_name | organization | organisation | Security",
        ),
        (
            "domain",
            _T.STRING,
            _C.OTHER,
            "The company's web domain.",
            "website | company_domain | web_domain | url | company_website",
        ),
        (
            "employees",
            _T.INTEGER,
            _C.FIRMOGRAPHIC,
            "Number of employees.",
            "employee_count | employees_count | headcount | number_of_employees | num_employees "
            "| staff_count | company_size | size | Number of employees | # Employees",
        ),
        (
            "employee_growth",
            _T.NUMBER,
            _C.FIRMOGRAPHIC,
            "Headcount growth over the last year, in percent.",
            "headcount_growth | employee_growth_rate | growth_rate",
        ),
        (
            "annual_revenue",
            _T.NUMBER,
            _C.FIRMOGRAPHIC,
            "Annual revenue, in the spec's currency.",
            "revenue | annual_revenue_usd | yearly_revenue | turnover | Annual Revenue | sales",
        ),
        (
            "founded_year",
            _T.INTEGER,
            _C.FIRMOGRAPHIC,
            "The year the company was founded.",
            "founded | year_founded | founding_year | Founded",
        ),
        (
            "years_in_business",
            _T.INTEGER,
            _C.FIRMOGRAPHIC,
            "How many years the company has operated.",
            "company_age | age_years | years_operating",
        ),
        (
            "industry",
            _T.STRING,
            _C.FIRMOGRAPHIC,
            "The industry or sector.",
            "sector | vertical | industry_name | GICS Sector",
        ),
        (
            "sub_industry",
            _T.STRING,
            _C.FIRMOGRAPHIC,
            "The sub-industry or niche.",
            "subindustry | sub_sector | niche | GICS Sub-Industry",
        ),
        (
            "business_model",
            _T.STRING,
            _C.FIRMOGRAPHIC,
            "How the company sells (B2B, B2C, SaaS, marketplace…).",
            "model | revenue_model",
        ),
        (
            "offerings",
            _T.STRING_LIST,
            _C.FIRMOGRAPHIC,
            "What the company offers: products, services, categories.",
            "products | services | product_categories | offering",
        ),
        (
            "funding_stage",
            _T.STRING,
            _C.FIRMOGRAPHIC,
            "The latest funding stage (bootstrapped, seed, series_a, …, public).",
            "last_funding_type | funding_round | latest_funding_stage | last_funding_round",
        ),
        (
            "total_funding",
            _T.NUMBER,
            _C.FIRMOGRAPHIC,
            "Total funding raised, in the spec's currency.",
            "total_funding_amount | funding_total | total_raised | funding",
        ),
        (
            "last_funding_date",
            _T.DATE,
            _C.FIRMOGRAPHIC,
            "The date of the latest funding round.",
            "last_funding_at | funding_date | last_funding_on",
        ),
        (
            "is_public",
            _T.BOOLEAN,
            _C.FIRMOGRAPHIC,
            "Whether the company's shares are publicly traded.",
            "public | publicly_traded | listed | is_listed",
        ),
        (
            "ownership",
            _T.STRING,
            _C.FIRMOGRAPHIC,
            "Who owns the company (private, public, pe_backed, vc_backed, family, government…).",
            "ownership_type | owner_type",
        ),
        (
            "legal_form",
            _T.STRING,
            _C.FIRMOGRAPHIC,
            "The legal entity type (llc, private_limited, corporation, gmbh…).",
            "legal_entity_type | entity_type | company_type | incorporation_type",
        ),
        (
            "country",
            _T.COUNTRY,
            _C.GEOGRAPHIC,
            "Headquarters country, as an ISO 3166-1 alpha-2 code (names and alpha-3 codes normalise to it).",
            "hq_country | headquarters_country | country_code | company_country",
        ),
        (
            "region",
            _T.STRING,
            _C.GEOGRAPHIC,
            "Sales region or territory (EMEA, NA, APAC…).",
            "hq_region | territory | geo | sales_region",
        ),
        (
            "state",
            _T.STRING,
            _C.GEOGRAPHIC,
            "Headquarters state or province.",
            "province | state_province | hq_state | state_or_province",
        ),
        (
            "city",
            _T.STRING,
            _C.GEOGRAPHIC,
            "Headquarters city.",
            "hq_city | headquarters_city | town",
        ),
        (
            "technologies",
            _T.STRING_LIST,
            _C.TECHNOGRAPHIC,
            "Technologies the company uses.",
            "tech_stack | technology | technologies_used | tools | software | installed_technologies",
        ),
    ],
)

#: The standard contact (person) fields.
CONTACT_FIELDS: Mapping[str, FieldDefinition] = _catalogue(
    Entity.CONTACT,
    [
        (
            "title",
            _T.STRING,
            _C.DEMOGRAPHIC,
            "The contact's job title, as written.",
            "job_title | position | headline | job | title_name | designation"
            " | titel | jobtitel | berufsbezeichnung | stellenbezeichnung | poste | titre | puesto | cargo",
        ),
        (
            "seniority",
            _T.STRING,
            _C.DEMOGRAPHIC,
            "Seniority level: owner, c_level, vp, director, head, manager, senior, professional, entry,"
            " intern.",
            "job_level | level | seniority_level | management_level",
        ),
        (
            "department",
            _T.STRING,
            _C.DEMOGRAPHIC,
            "The contact's department or job function.",
            "function | job_function | department_name | team | abteilung | departement | departamento",
        ),
        (
            "country",
            _T.COUNTRY,
            _C.GEOGRAPHIC,
            "The contact's country (ISO 3166-1 alpha-2).",
            "contact_country | person_country | location_country",
        ),
        (
            "email",
            _T.STRING,
            _C.OTHER,
            "The contact's email address.",
            "email_address | work_email | e_mail",
        ),
    ],
)


def resolve_fields(spec_fields: Mapping[str, FieldDefinition], entity: Entity) -> dict[str, FieldDefinition]:
    """Every field a record of ``entity`` may have: the standard ones and the spec's own.

    A spec field named like a standard one is an error at load time; here the
    standard definition stays in force.
    """
    standard = ACCOUNT_FIELDS if entity == Entity.ACCOUNT else CONTACT_FIELDS
    own = {k: f for k, f in spec_fields.items() if f.entity == entity}
    return {**own, **standard}
