import LobbyCCID

/// A powered card that takes command APDUs: what a `CardApplication` reads through.
///
/// Implemented by the USB edge (`CCIDCardChannel`) and by test doubles.
public protocol CardChannel {
    /// The card's Answer-to-Reset.
    var answerToReset: AnswerToReset { get }
    /// Sends one command APDU and returns the card's response (data and status word).
    mutating func transmit(_ command: CommandAPDU) throws(CardReaderError) -> ResponseAPDU
}
