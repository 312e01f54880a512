import LobbyCCID
import LobbyCard
import LobbySystem

/// The monitor thread's loop: enumerate, open, watch slots, identify inserted cards, emit events.
final class MonitorLoop {
    private let configuration: CardMonitorConfiguration
    private let stop: StopFlag
    private let emit: (CardEvent) -> Void
    private var readers: [OpenReader] = []
    /// Locations already reported unusable (reported once until they leave).
    private var unusable: Set<String> = []
    private let hotplug = HotplugFlag()

    init(configuration: CardMonitorConfiguration, stop: StopFlag, emit: @escaping (CardEvent) -> Void) {
        self.configuration = configuration
        self.stop = stop
        self.emit = emit
    }

    /// Runs until the stop flag is raised.
    func run() {
        let context: USBContext
        do {
            context = try USBContext()
        } catch {
            return
        }
        _ = context.watchHotplug(hotplug)
        var nextScan: UInt64 = 0
        while !stop.isRaised {
            let now = MonotonicClock.nanoseconds()
            if hotplug.raised || now >= nextScan {
                hotplug.raised = false
                scan(context)
                nextScan = MonotonicClock.nanoseconds() + UInt64(configuration.rescanMilliseconds) * 1_000_000
            }
            for reader in readers { service(reader) }
            context.handleEvents(milliseconds: 50)
        }
        for reader in readers { reader.close() }
        readers.removeAll()
    }

    private func scan(_ context: USBContext) {
        let records = context.smartCardDevices()
        let seen = Set(records.map(\.identity))
        for reader in readers where !seen.contains(where: { $0.bus == reader.record.identity.bus && $0.address == reader.record.identity.address }) {
            drop(reader)
        }
        unusable = unusable.filter { location in records.contains { $0.identity.location == location } }
        for record in records {
            let known = readers.contains { $0.record.identity.bus == record.identity.bus && $0.record.identity.address == record.identity.address }
            guard !known, !unusable.contains(record.identity.location) else { continue }
            switch record.layout() {
            case .failure(let problem):
                unusable.insert(record.identity.location)
                emit(.readerUnusable(record.identity, problem: problem.description))
            case .success(let layout):
                do {
                    let reader = try OpenReader(record: record, layout: layout, context: context, timeouts: configuration.timeouts)
                    readers.append(reader)
                    emit(.readerAdded(reader.info))
                    initialSlots(reader)
                } catch {
                    unusable.insert(record.identity.location)
                    emit(.readerUnusable(record.identity, problem: error.description))
                }
            }
        }
    }

    private func initialSlots(_ reader: OpenReader) {
        for slot in reader.present.indices {
            do {
                if try reader.reader.presence(slot: UInt8(slot)) != .absent {
                    cardChanged(reader, slot: slot, present: true, noticed: MonotonicClock.nanoseconds())
                }
            } catch {
                if error.readerIsGone { drop(reader) }
                return
            }
        }
    }

    private func service(_ reader: OpenReader) {
        guard readers.contains(where: { $0 === reader }) else { return }
        if let pipe = reader.interrupt {
            for message in pipe.drain() {
                guard let decoded = try? CCIDInterruptMessage(decoding: message.bytes, slotCount: reader.present.count),
                      case .slotChange(let changes) = decoded else { continue }
                for change in changes where change.slot < reader.present.count {
                    cardChanged(reader, slot: change.slot, present: change.cardPresent, noticed: message.nanoseconds)
                    guard readers.contains(where: { $0 === reader }) else { return }
                }
            }
            if pipe.deviceGone { drop(reader) }
        } else if MonotonicClock.nanoseconds() >= reader.nextPoll {
            reader.nextPoll = MonotonicClock.nanoseconds() + UInt64(configuration.pollMilliseconds) * 1_000_000
            for slot in reader.present.indices {
                do {
                    let present = try reader.reader.presence(slot: UInt8(slot)) != .absent
                    cardChanged(reader, slot: slot, present: present, noticed: MonotonicClock.nanoseconds())
                } catch {
                    if error.readerIsGone { drop(reader) }
                    return
                }
            }
        }
    }

    /// Acts on presence transitions only (a repeated "present" is not a new card).
    private func cardChanged(_ reader: OpenReader, slot: Int, present: Bool, noticed: UInt64) {
        guard reader.present[slot] != present else { return }
        reader.present[slot] = present
        if !present {
            emit(.cardRemoved(reader: reader.info, slot: slot))
            return
        }
        emit(.cardInserted(reader: reader.info, slot: slot))
        do {
            let identity = try identify(reader.reader, slot: UInt8(slot))
            emit(.cardIdentified(reader: reader.info, slot: slot, identity: identity, milliseconds: MonotonicClock.milliseconds(since: noticed)))
        } catch {
            emit(.cardFailed(reader: reader.info, slot: slot, error: error))
            if error.readerIsGone { drop(reader) }
        }
    }

    /// Powers the card, chooses the exchange, runs each application, powers the card off.
    private func identify(_ reader: CCIDReader, slot: UInt8) throws(CardReaderError) -> CardIdentity {
        let atr = try reader.powerOn(slot: slot)
        var channel = try CCIDCardChannel(reader: reader, slot: slot, answerToReset: atr)
        var readings: [CardApplicationReading] = []
        for application in configuration.applications {
            readings.append(try application.read(from: &channel))
        }
        if configuration.powerOffAfterReading { reader.powerOff(slot: slot) }
        return CardIdentity(answerToReset: atr.bytes, exchange: channel.plan,
                            protocolNotAdvertised: CardExchangePlan.protocolNotAdvertised(channel.plan, descriptor: reader.info.layout.descriptor),
                            readings: readings)
    }

    private func drop(_ reader: OpenReader) {
        guard let index = readers.firstIndex(where: { $0 === reader }) else { return }
        readers.remove(at: index)
        reader.close()
        for slot in reader.present.indices where reader.present[slot] {
            emit(.cardRemoved(reader: reader.info, slot: slot))
        }
        emit(.readerRemoved(reader.info))
    }
}
