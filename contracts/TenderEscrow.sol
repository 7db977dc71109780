// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ISupplierRegistry} from "./interfaces/ISupplierRegistry.sol";
import {TenderAdmin} from "./modules/TenderAdmin.sol";
import {TenderMilestones} from "./modules/TenderMilestones.sol";
import {TenderSigned} from "./modules/TenderSigned.sol";
import {TenderWarranty} from "./modules/TenderWarranty.sol";
import {ITenderAdmin} from "./interfaces/ITenderAdmin.sol";
import {ITenderEscrow} from "./interfaces/ITenderEscrow.sol";
import {Tender} from "./types/Tender.sol";
import {TenderArbitration} from "./TenderArbitration.sol";
import {TenderMarket} from "./TenderMarket.sol";
import {EscrowCore} from "./base/EscrowCore.sol";

/// @title TenderEscrow
/// @notice The one contract that holds Tender's money: direct hires and RFQs (its {TenderMarket} part) are
/// escrowed here and settled along the job's state machine, disputes included (its {TenderArbitration} part).
/// What a job does not need on its way (the owner's settings, the arbitrator registry, the storage views) is
/// answered at this address by the admin module, run by `delegatecall` on this contract's storage, and holdback
/// claims and releases by the warranty module behind it; both addresses are fixed at construction. See {ITender}, the whole face.
contract TenderEscrow is TenderArbitration {
    address private immutable _admin;
    address private immutable _milestonesModule;

    /// @param initialOwner May set the fee, the treasury and the pause; nothing else.
    /// @param initialTreasury Where protocol fees are sent.
    /// @param initialFeeBps The protocol fee for new jobs, at most {MAX_PROTOCOL_FEE_BPS}.
    /// @param minWindow Shortest window (bid, award, delivery, review, ruling) a job may set, in seconds; above 0.
    /// @param maxWindow Longest window a job may set, in seconds; at least `minWindow`.
    /// @param registry Where suppliers' attested metrics are read.
    /// @param gracePeriod Seconds after an RFQ lapses before anyone, not only its buyer, may cancel it.
    /// @param responseWindow Seconds a supplier has to answer a dispute (within the window bounds).
    /// @param milestones The milestones module ({TenderMilestones}), deployed before the escrow with the same window
    /// bounds and response window (checked).
    /// @param signed The signed-actions module ({TenderSigned}), deployed before the escrow with the same window bounds
    /// and supplier registry (checked).
    constructor(
        address initialOwner,
        address initialTreasury,
        uint16 initialFeeBps,
        uint32 minWindow,
        uint32 maxWindow,
        ISupplierRegistry registry,
        uint32 gracePeriod,
        uint32 responseWindow,
        TenderMilestones milestones,
        TenderSigned signed
    ) EscrowCore(minWindow, maxWindow) TenderMarket(registry, gracePeriod) TenderArbitration(responseWindow) {
        // The module is created here, from the code this contract was built with: its address and its code are fixed
        // with this contract's, and nobody (the owner included) can point the escrow at other code.
        // The deployment's settings the modules answer for (or need) go to them as immutables of their own.
        // The milestones module is too big to be created here too (EIP-3860 bounds this contract's creation code):
        // it is deployed first and named, and it must have been built for this deployment's settings. This contract
        // cannot tell its code from other code that answers the same settings (it has no room for the module's code
        // to compare): the module's code depends only on those settings, so anyone verifies a deployment by building
        // the module again and comparing (the SDK's verifyMilestonesModule; the README's "Milestones").
        // The signed-actions module likewise (reached only through the admin module, which keeps its address).
        _checkModules(milestones, signed, minWindow, maxWindow, responseWindow, registry);
        _milestonesModule = address(milestones);
        address warranty = address(new TenderWarranty(responseWindow));
        address admin = address(
            new TenderAdmin(
                TenderAdmin.Deployment({
                    warranty: warranty,
                    milestones: address(milestones),
                    signed: address(signed),
                    minWindow: minWindow,
                    maxWindow: maxWindow,
                    registry: address(registry),
                    gracePeriod: gracePeriod,
                    responseWindow: responseWindow
                })
            )
        );
        _admin = admin;
        _delegate(admin, abi.encodeCall(ITenderAdmin.initialize, (initialOwner, initialTreasury, initialFeeBps)));
    }

    /// @dev A job in milestones is run by the milestones module: the call is handed to it as it came, before this
    /// contract takes its lock (the module takes it).
    modifier inParts(uint256 jobId) override {
        _inParts(jobId);
        _;
    }

    /// @notice Every call this contract does not implement is answered by the admin module, on this contract's
    /// storage ({ITenderAdmin}, {IArbitratorRegistry}, {IReputation}), and what that does not implement by the warranty
    /// module behind it ({ITenderWarranty}). Payable for a claim's fee in ETH; every other module function refuses
    /// value.
    fallback() external payable {
        _forward(_admin);
    }

    /*//////////////////////////////////////////////////////////////
                               JOB ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderEscrow
    function postDirectHire(Tender.DirectHire calldata hire)
        external
        payable
        override
        nonReentrant
        returns (uint256 jobId)
    {
        // Check, effect: the job starts Awarded (EscrowPosting).
        jobId = _postDirectHire(hire);

        // Interaction: take the price into escrow.
        _collect({token: hire.token, from: msg.sender, amount: hire.price});
    }

    /// @inheritdoc ITenderEscrow
    /// @dev No guard: deliver makes no external call, and a delivery reached from another job's payout callback
    /// is that job's own supplier acting on its own job.
    function deliver(uint256 jobId, bytes32 deliverableHash, string calldata uri) external override inParts(jobId) {
        _deliver(jobId, msg.sender, deliverableHash, uri);
    }

    /// @inheritdoc ITenderEscrow
    function decline(uint256 jobId) external override inParts(jobId) nonReentrant {
        Tender.Job storage job_ = _jobs[jobId];

        // Check: the awarded supplier, before the delivery deadline.
        _expectStatus(jobId, job_.status, Tender.Status.Awarded);
        if (msg.sender != job_.supplier) revert NotSupplier(jobId, msg.sender);
        if (block.timestamp >= job_.deadline) revert DeadlinePassed(jobId, job_.deadline);

        _refund(jobId, job_, true);
    }

    /// @inheritdoc ITenderEscrow
    function refund(uint256 jobId) external override inParts(jobId) nonReentrant {
        Tender.Job storage job_ = _jobs[jobId];

        // Check: the delivery deadline passed with nothing delivered.
        _expectStatus(jobId, job_.status, Tender.Status.Awarded);
        if (block.timestamp < job_.deadline) revert DeadlineNotReached(jobId, job_.deadline);

        _refund(jobId, job_, false);
    }

    /// @inheritdoc ITenderEscrow
    function confirm(uint256 jobId, uint8 rating) external override inParts(jobId) nonReentrant {
        Tender.Job storage job_ = _jobs[jobId];

        // Check: the buyer, within the review window, with a 1–5 rating.
        _expectStatus(jobId, job_.status, Tender.Status.Delivered);
        if (msg.sender != job_.buyer) revert NotBuyer(jobId, msg.sender);
        if (block.timestamp >= job_.deadline) revert DeadlinePassed(jobId, job_.deadline);
        if (rating == 0 || rating > 5) revert InvalidRating(rating);

        _settle(jobId, job_, rating);
    }

    /// @inheritdoc ITenderEscrow
    function finalize(uint256 jobId) external override inParts(jobId) nonReentrant {
        Tender.Job storage job_ = _jobs[jobId];

        // Check: the review window passed without a dispute.
        _expectStatus(jobId, job_.status, Tender.Status.Delivered);
        if (block.timestamp < job_.deadline) revert DeadlineNotReached(jobId, job_.deadline);

        _settle(jobId, job_, 0);
    }

    /// @inheritdoc ITenderEscrow
    function withdraw(address token, address to) external override nonReentrant returns (uint256 amount) {
        return _withdraw(msg.sender, token, to);
    }

    /// @inheritdoc ITenderEscrow
    function collectProtocolFees(address token) external override nonReentrant returns (uint256 amount) {
        // Check
        amount = _protocolFees[token];
        if (amount == 0) revert NothingToWithdraw(address(this), token);

        // Effect
        delete _protocolFees[token];
        address to = _config.treasury;
        emit ProtocolFeesCollected(token, to, amount);

        // Interaction: a treasury that refuses the transfer blocks only fee collection, until the owner moves it.
        _send(token, to, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNALS
    //////////////////////////////////////////////////////////////*/

    /// @dev Pays the supplier (price minus the protocol fee, plus its bond back), accrues the fee for the treasury
    /// and writes the completion to both records. Under a holdback, the held share (and bond with it) stays in escrow
    /// and is charged and counted only when it reaches the supplier.
    function _settle(uint256 jobId, Tender.Job storage job_, uint8 rating) private {
        // Effect
        job_.status = Tender.Status.Settled;
        address supplier = job_.supplier;
        uint256 paid = job_.price;
        address token = job_.token;
        uint8 flags = job_.flags;
        uint256 bond = flags & Tender.FLAG_DIRECT != 0 ? 0 : _takeWinnerBond(jobId, supplier);
        if (flags & Tender.FLAG_HOLDBACK != 0) {
            uint256 held;
            (held, bond) = _holdBack(jobId, 0, paid, bond);
            paid -= held;
        }
        uint256 fee = paid * job_.protocolFeeBps / _BPS;
        uint256 toSupplier = paid - fee;

        Tender.SupplierRecord storage record = _supplierRecords[supplier];
        ++record.completed;
        if (rating != 0) {
            record.ratingSum += rating;
            ++record.ratingCount;
        }
        _completedVolume[supplier][token] += paid;
        ++_buyerRecords[job_.buyer].paid;
        if (fee != 0) _protocolFees[token] += fee;
        emit JobSettled(jobId, rating, toSupplier, fee);

        // Interaction
        _push(token, supplier, toSupplier + bond);
    }

    /// @dev Returns the whole price to the buyer, with a winning bidder's bond. A direct hire's decline or
    /// non-delivery writes no record: the supplier never agreed to it.
    function _refund(uint256 jobId, Tender.Job storage job_, bool declined) private {
        // Effect
        job_.status = Tender.Status.Refunded;
        uint256 price = job_.price;
        uint256 bond;
        if (job_.flags & Tender.FLAG_DIRECT == 0) {
            address supplier = job_.supplier;
            bond = _takeWinnerBond(jobId, supplier);
            Tender.SupplierRecord storage record = _supplierRecords[supplier];
            if (declined) ++record.declined;
            else ++record.refunded;
        }
        emit JobRefunded(jobId, declined, price, bond);

        // Interaction
        _push(job_.token, job_.buyer, price + bond);
    }

    /// @dev Hands the call to the milestones module if the job is in milestones (its flags say so, in the slot every
    /// job action reads first).
    function _inParts(uint256 jobId) internal {
        if (_jobs[jobId].flags & Tender.FLAG_MILESTONES != 0) _forward(_milestonesModule);
    }

    /// @dev Refuses a module that is no contract or was built for other settings than this deployment's.
    function _checkModules(
        TenderMilestones milestones,
        TenderSigned signed,
        uint32 minWindow,
        uint32 maxWindow,
        uint32 responseWindow,
        ISupplierRegistry registry
    ) private view {
        if (address(milestones).code.length == 0) revert InvalidModule(address(milestones));
        (uint32 msMin, uint32 msMax, uint32 msResponse) = milestones.settings();
        if (msMin != minWindow || msMax != maxWindow || msResponse != responseWindow) {
            revert InvalidModule(address(milestones));
        }
        if (address(signed).code.length == 0) revert InvalidModule(address(signed));
        (uint32 sMin, uint32 sMax, ISupplierRegistry sRegistry) = signed.settings();
        if (sMin != minWindow || sMax != maxWindow || address(sRegistry) != address(registry)) {
            revert InvalidModule(address(signed));
        }
    }

    /// @dev Runs `data` on `module` against this contract's storage; a revert is passed on as it came.
    function _delegate(address module, bytes memory data) private {
        (bool ok, bytes memory returned) = module.delegatecall(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(returned, 0x20), mload(returned))
            }
        }
    }
}
