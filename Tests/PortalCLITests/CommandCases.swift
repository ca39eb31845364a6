import ClinicTestSupport
import Foundation
import XCTest

/// The command-line cases every store must pass, each with a portal of its own from `makePortal()`: run on a
/// new SQLite file by `SQLiteCommandTests`, and on a new patient's record in a clinic database by
/// `ClinicCommandLineTests`. (XCTest on Linux runs only the test methods a class declares itself, so the
/// cases are plain methods listed in `all` and each class runs the list.)
class CommandCases: XCTestCase {
    /// A new portal for one case.
    func makePortal() throws -> PortalRunner { try PortalRunner(self) }

    /// Every case, by name.
    static let all: [(String, @Sendable (CommandCases) -> () throws -> Void)] = [
        ("demoThenTheReadingCommandsShowItsData", { $0.demoThenTheReadingCommandsShowItsData }),
        ("logSavesAndPrintsWhatItSaved", { $0.logSavesAndPrintsWhatItSaved }),
        ("signsListSaysWhichHerTherapistReviewedInAClinicOnly", { $0.signsListSaysWhichHerTherapistReviewedInAClinicOnly }),
        ("signsListListsHerCheckInsAnswersThatReportASign", { $0.signsListListsHerCheckInsAnswersThatReportASign }),
        ("aSignsNoteReachesTheListAndEveryReportFormat", { $0.aSignsNoteReachesTheListAndEveryReportFormat }),
        ("badLogInputIsRefusedAndChangesNothing", { $0.badLogInputIsRefusedAndChangesNothing }),
        ("aNoteMayStartWithADashButNotWithAnOption", { $0.aNoteMayStartWithADashButNotWithAnOption }),
        ("namesClinicsAndPlacesMayStartWithADashButNotWithAnOption", { $0.namesClinicsAndPlacesMayStartWithADashButNotWithAnOption }),
        ("demoRefusesADatabaseWithAPatientUnlessForced", { $0.demoRefusesADatabaseWithAPatientUnlessForced }),
        ("doneRecordsAnEarlierDayWithItsSetsAndPainAndRefusesTooFarBack", { $0.doneRecordsAnEarlierDayWithItsSetsAndPainAndRefusesTooFarBack }),
        ("aPartialSessionThenAWholeOneAndPainDuringAnExercise", { $0.aPartialSessionThenAWholeOneAndPainDuringAnExercise }),
        ("theCommandLineCountsANoteAsTheScreenAndStoreDoAndDropsBlankNotes", { $0.theCommandLineCountsANoteAsTheScreenAndStoreDoAndDropsBlankNotes }),
        ("nullDuplicatesEmptyWhereHttpsAndDashDashScoreAreEachRefusedWithTheirReason", { $0.nullDuplicatesEmptyWhereHttpsAndDashDashScoreAreEachRefusedWithTheirReason }),
        ("programImportValidatesAddsAndRoundTrips", { $0.programImportValidatesAddsAndRoundTrips }),
        ("programImportKeepsWeeksWholeAndSaysPlainlyWhatIsWrong", { $0.programImportKeepsWeeksWholeAndSaysPlainlyWhatIsWrong }),
        ("theTemplateIsTheNextWeekReadyToImport", { $0.theTemplateIsTheNextWeekReadyToImport }),
        ("theImportSaysWhatChangedInEachDose", { $0.theImportSaysWhatChangedInEachDose }),
        ("aTherapistsWeekKeepsTheRulesAndIsNeverRewritten", { $0.aTherapistsWeekKeepsTheRulesAndIsNeverRewritten }),
        ("aTherapistsWeekHoldsBackWhatHerStageNowRulesOut", { $0.aTherapistsWeekHoldsBackWhatHerStageNowRulesOut }),
        ("theTherapistsWeekAndBookingReachThePatient", { $0.theTherapistsWeekAndBookingReachThePatient }),
        ("onceAllSixVisitsAreDoneTheCommandsSayThePlanIsComplete", { $0.onceAllSixVisitsAreDoneTheCommandsSayThePlanIsComplete }),
        ("aVisitUnderWayIsNowWithItsLinkUntilItsEnd", { $0.aVisitUnderWayIsNowWithItsLinkUntilItsEnd }),
        ("afterTheLastBookedVisitEndsTodayAsksWhetherItTookPlace", { $0.afterTheLastBookedVisitEndsTodayAsksWhetherItTookPlace }),
        ("bookingAndRecordingVisits", { $0.bookingAndRecordingVisits }),
        ("visitsKeepTheirOrderAndDoNotOverlap", { $0.visitsKeepTheirOrderAndDoNotOverlap }),
        ("setUpWithAFirstVisitThatAlreadyTookPlaceThenTheBirth", { $0.setUpWithAFirstVisitThatAlreadyTookPlaceThenTheBirth }),
        ("aProfileChangeKilledHalfWaySavesNeitherHalf", { $0.aProfileChangeKilledHalfWaySavesNeitherHalf }),
        ("aPastVisitIsRecordedWithItsTimeAndListedInTheScreensWords", { $0.aPastVisitIsRecordedWithItsTimeAndListedInTheScreensWords }),
        ("jsonExportToAPrivateFile", { $0.jsonExportToAPrivateFile }),
        ("theLongNonASCIINoteComesThroughCSVAndJSONExactly", { $0.theLongNonASCIINoteComesThroughCSVAndJSONExactly }),
        ("leftOutPartsAreNotInTheFile", { $0.leftOutPartsAreNotInTheFile }),
        ("theTextReportFitsOnePageOf80ColumnsAndKeepsTheNoteWhole", { $0.theTextReportFitsOnePageOf80ColumnsAndKeepsTheNoteWhole }),
        ("leavingOutNotesRemovesEveryNoteSheWrote", { $0.leavingOutNotesRemovesEveryNoteSheWrote }),
        ("badReportOptionsAreRefused", { $0.badReportOptionsAreRefused }),
        ("controlCharactersAreRefusedAndNeverPrinted", { $0.controlCharactersAreRefusedAndNeverPrinted }),
        ("signsAloneAreSavedAndPrintTheScreensMessage", { $0.signsAloneAreSavedAndPrintTheScreensMessage }),
        ("aSignGivenWithAnEarlierDaysPainIsReportedForNow", { $0.aSignGivenWithAnEarlierDaysPainIsReportedForNow }),
        ("thoughtsOfHarmShowTheCrisisLinesBeside911", { $0.thoughtsOfHarmShowTheCrisisLinesBeside911 }),
        ("badSignsAreRefusedAndNothingIsWritten", { $0.badSignsAreRefusedAndNothingIsWritten }),
        ("theBladderDiaryIsKeptFromTheCommandLine", { $0.theBladderDiaryIsKeptFromTheCommandLine }),
        ("badDiaryAndQuestionnaireInputIsRefusedAndNothingIsWritten", { $0.badDiaryAndQuestionnaireInputIsRefusedAndNothingIsWritten }),
        ("theBowelLogAndTheQuestionnairesAreKeptFromTheCommandLine", { $0.theBowelLogAndTheQuestionnairesAreKeptFromTheCommandLine }),
        ("todayIsDrawnFromTheSnapshotHomeUses", { $0.todayIsDrawnFromTheSnapshotHomeUses }),
        ("theDemoBundleValidatesAsFHIRR4WithTheCodesItPromises", { $0.theDemoBundleValidatesAsFHIRR4WithTheCodesItPromises }),
        ("theCalendarHasOneEventPerScheduledVisitWithUIDsThatLast", { $0.theCalendarHasOneEventPerScheduledVisitWithUIDsThatLast }),
        ("theCalendarCarriesAnAlarmPerVisitReminder", { $0.theCalendarCarriesAnAlarmPerVisitReminder }),
        ("theBriefLineSaysWhatIsStillDueAndNothingWhenNothingIs", { $0.theBriefLineSaysWhatIsStillDueAndNothingWhenNothingIs }),
        ("remindersAreSetListedAndSwitchedOff", { $0.remindersAreSetListedAndSwitchedOff }),
        ("badReminderInputIsRefusedAndNothingIsWritten", { $0.badReminderInputIsRefusedAndNothingIsWritten }),
        ("questionsAreAskedListedAnsweredAndRemoved", { $0.questionsAreAskedListedAnsweredAndRemoved }),
        ("badQuestionInputIsRefusedAndNothingIsWritten", { $0.badQuestionInputIsRefusedAndNothingIsWritten }),
        ("todaySaysTheDiaryDayAndTheQuestionnairesDueAsTheBriefDoes", { $0.todaySaysTheDiaryDayAndTheQuestionnairesDueAsTheBriefDoes }),
        ("measureAndTodayAgreeOnTheCheckInAcrossTheDay", { $0.measureAndTodayAgreeOnTheCheckInAcrossTheDay }),
        ("leavingOutThePainKeepsHerNotesAndWarningSigns", { $0.leavingOutThePainKeepsHerNotesAndWarningSigns }),
        ("aTimeTheClockSkipsIsRefusedForEntriesAndVisits", { $0.aTimeTheClockSkipsIsRefusedForEntriesAndVisits }),
        ("theFHIRExportGivesEachEntryTheOffsetItWasMadeIn", { $0.theFHIRExportGivesEachEntryTheOffsetItWasMadeIn }),
    ]

    /// Runs every case (or those PORTAL_CASES names, comma-separated, while working on one); a case that
    /// throws is reported by name and the others still run.
    func runEveryCase() {
        let only = ProcessInfo.processInfo.environment["PORTAL_CASES"].map { Set($0.split(separator: ",").map(String.init)) }
        let chosen = Self.all.filter { only?.contains($0.0) ?? true }
        XCTAssertFalse(chosen.isEmpty, "PORTAL_CASES names no case")
        for (name, body) in chosen {
            do {
                try body(self)()
            } catch let skip as XCTSkip {
                print("\(name) skipped: \(skip)")  // a tool `make test` installs is missing
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
    }

    /// Words of a text with any run of spaces and line breaks as one space: how wrapped text compares.
    func words(_ s: String) -> String { s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }
}

/// The cases on a local SQLite file, a new one for each.
final class SQLiteCommandTests: CommandCases {
    func testEveryCommandCase() { runEveryCase() }
}

/// The same cases on a clinic database: each a new patient's login (her therapist's for the therapist's
/// commands) on a private cluster, so row-level security is on for every command.
final class ClinicCommandLineTests: CommandCases {
    static let cluster = ClassCluster()
    nonisolated(unsafe) static var therapist: Result<String, Error>?
    override class func setUp() {
        super.setUp()
        cluster.start()
        therapist = Result {
            let c = try cluster.get()
            try c.pinClinicDay(PortalRunner.pinnedDay)
            return try c.newTherapist()
        }
    }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    override func makePortal() throws -> PortalRunner {
        guard let therapist = Self.therapist else { throw ClusterError("the cluster was not started") }
        return try PortalRunner(self, clinic: (try Self.cluster.get(), try therapist.get()))
    }

    func testEveryCommandCase() throws {
        _ = try Self.cluster.get()
        runEveryCase()
    }
}
