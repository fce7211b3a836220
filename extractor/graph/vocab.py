"""RDF terms: the closed ``litkg:`` namespace (kept in sync with ontology/litkg.ttl by a test) and the
external vocabularies the output contract uses."""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class LITKG(DefinedNamespace):
    """litkg ontology terms; see ontology/litkg.ttl for labels and definitions."""

    _NS = Namespace("https://w3id.org/litkg/ontology#")
    _fail = True

    # classes
    TrialRegistration: URIRef
    Result: URIRef
    Endpoint: URIRef
    Statistic: URIRef
    StudyLink: URIRef
    ReadFailure: URIRef
    ReadWarning: URIRef
    ReadNote: URIRef
    ReadReport: URIRef
    ExtractedFile: URIRef
    Population: URIRef
    StudyDesign: URIRef
    Arm: URIRef
    ArmRole: URIRef
    ActiveArm: URIRef
    ControlArm: URIRef
    RegistryRecord: URIRef
    RegisteredOutcome: URIRef
    OutcomeRole: URIRef
    PrimaryOutcome: URIRef
    SecondaryOutcome: URIRef
    OtherOutcome: URIRef
    Discrepancy: URIRef
    DiscrepancyKind: URIRef
    PrimaryOutcomeOmitted: URIRef
    PrimaryOutcomeAdded: URIRef
    PrimaryOutcomeDemoted: URIRef
    SecondaryOutcomePromoted: URIRef
    TimeFrameChanged: URIRef
    EnrollmentDiffers: URIRef
    ValueDiffers: URIRef
    ValueMisreported: URIRef
    # designs (individuals of litkg:StudyDesign)
    RandomizedControlledTrial: URIRef
    NonRandomizedTrial: URIRef
    CohortStudy: URIRef
    CaseControlStudy: URIRef
    CrossSectionalStudy: URIRef
    CaseSeries: URIRef
    CaseReport: URIRef
    SystematicReview: URIRef
    MetaAnalysis: URIRef
    NarrativeReview: URIRef
    OtherStudy: URIRef
    # statistics (individuals of litkg:Statistic)
    Proportion: URIRef
    Count: URIRef
    Median: URIRef
    Mean: URIRef
    HazardRatio: URIRef
    OddsRatio: URIRef
    RelativeRisk: URIRef
    RateRatio: URIRef
    Difference: URIRef
    Value: URIRef
    # study
    registration: URIRef
    registry: URIRef
    enrollment: URIRef
    measuredEndpoint: URIRef
    primaryEndpoint: URIRef
    notGiven: URIRef
    result: URIRef
    population: URIRef
    studyDesign: URIRef
    designEvidence: URIRef
    reportsNoStudy: URIRef
    description: URIRef
    size: URIRef
    # result
    endpoint: URIRef
    endpointText: URIRef
    endpointMention: URIRef
    timeFrameMention: URIRef
    statistic: URIRef
    ciLower: URIRef
    ciUpper: URIRef
    ciLevel: URIRef
    rangeLower: URIRef
    percentage: URIRef
    standardDeviation: URIRef
    standardError: URIRef
    rangeUpper: URIRef
    count: URIRef
    denominator: URIRef
    timeFrame: URIRef
    timeFrameDuration: URIRef
    arm: URIRef
    armRole: URIRef
    armText: URIRef
    pValue: URIRef
    # document
    sourceFile: URIRef
    recordKey: URIRef
    doiKey: URIRef
    contentHash: URIRef
    text: URIRef
    reader: URIRef
    extractorVersion: URIRef
    sourceEncoding: URIRef
    publicationType: URIRef
    meshHeading: URIRef
    majorTopic: URIRef
    substance: URIRef
    fromMetadata: URIRef
    sourceField: URIRef
    rule: URIRef
    # files that could not be read (completely or in part)
    failureReason: URIRef
    recordsRead: URIRef
    warningReason: URIRef
    document: URIRef
    wordsKept: URIRef
    wordsInFile: URIRef
    # linking
    linkedBy: URIRef
    linkTarget: URIRef
    linkScore: URIRef
    linkEvidence: URIRef
    correspondsTo: URIRef
    unresolved: URIRef
    reportedJournal: URIRef
    reportedAuthor: URIRef
    reportedDoi: URIRef
    trialName: URIRef
    reportKind: URIRef
    speaker: URIRef
    # registry records
    registeredOutcome: URIRef
    outcomeRole: URIRef
    overallStatus: URIRef
    whyStopped: URIRef
    enrollmentType: URIRef
    studyType: URIRef
    phase: URIRef
    primaryCompletionDate: URIRef
    completionDate: URIRef
    firstPosted: URIRef
    lastUpdatePosted: URIRef
    secondaryIdentifier: URIRef
    citedPmid: URIRef
    postedParameter: URIRef
    dispersion: URIRef
    category: URIRef
    # the audit
    study: URIRef
    discrepancyKind: URIRef
    registeredSide: URIRef
    reportedSide: URIRef
    auditedAgainst: URIRef
    auditedDocument: URIRef
    auditNote: URIRef


SCHEMA = Namespace("https://schema.org/")
FABIO = Namespace("http://purl.org/spar/fabio/")
PRISM = Namespace("http://prismstandard.org/namespaces/basic/2.0/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OBO = Namespace("http://purl.obolibrary.org/obo/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DEFAULT_BASE = "https://w3id.org/litkg/id/"

PREFIXES = {
    "schema": str(SCHEMA), "fabio": str(FABIO), "prism": str(PRISM), "bibo": str(BIBO), "oa": str(OA),
    "prov": str(PROV), "obo": str(OBO), "litkg": str(LITKG._NS), "nif": str(NIF), "xsd": str(XSD), "rdf": str(RDF), "rdfs": str(RDFS),
}
