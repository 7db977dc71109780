// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IArbitratorRegistry} from "./interfaces/IArbitratorRegistry.sol";
import {IReputation} from "./interfaces/IReputation.sol";
import {ISupplierRegistry} from "./interfaces/ISupplierRegistry.sol";
import {ITenderEscrow} from "./interfaces/ITenderEscrow.sol";
import {Tender} from "./types/Tender.sol";
import {TenderArbitration} from "./TenderArbitration.sol";
import {TenderMarket} from "./TenderMarket.sol";
import {EscrowState} from "./base/EscrowState.sol";

/// @title TenderEscrow
/// @notice The one contract that holds Tender's money: direct hires and RFQs (its {TenderMarket} part) are
/// escrowed here and settled along the job's state machine, disputes included (its {TenderArbitration} part).
/// See {ITenderEscrow}, {ITenderMarket} and {ITenderArbitration}.
contract TenderEscrow is TenderArbitration, Ownable2Step {

    /// @param initialOwner May set the fee, the treasury and the pause; nothing else.
    /// @param initialTreasury Where protocol fees are sent.
    /// @param initialFeeBps The protocol fee for new jobs, at most {MAX_PROTOCOL_FEE_BPS}.
    /// @param minWindow Shortest window (bid, award, delivery, review, ruling) a job may set, in seconds; above 0.
    /// @param maxWindow Longest window a job may set, in seconds; at least `minWindow`.
    /// @param registry Where suppliers' attested metrics are read.
    /// @param gracePeriod Seconds after an RFQ lapses before anyone, not only its buyer, may cancel it.
    /// @param responseWindow Seconds a supplier has to answer a dispute (within the window bounds).
    constructor(
        address initialOwner,
        address initialTreasury,
        uint16 initialFeeBps,
        uint32 minWindow,
        uint32 maxWindow,
        ISupplierRegistry registry,
        uint32 gracePeriod,
        uint32 responseWindow
    )
        Ownable(initialOwner)
        EscrowState(initialTreasury, initialFeeBps, minWindow, maxWindow)
        TenderMarket(registry, gracePeriod)
        TenderArbitration(responseWindow)
    {}

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
        // Check: a supplier other than the buyer; _admit checks the rest.
        if (hire.supplier == address(0) || hire.supplier == msg.sender) revert InvalidSupplier(hire.supplier);

        // Effect: the job starts Awarded; the buyer has posted one more job.
        uint40 deliverBy = uint40(block.timestamp + hire.deliveryWindow);
        Tender.Job memory job_ = Tender.Job({
            supplier: hire.supplier,
            status: Tender.Status.Awarded,
            deadline: deliverBy,
            reviewWindow: hire.reviewWindow,
            direct: true,
            answered: false,
            buyer: msg.sender,
            price: hire.price,
            token: hire.token,
            termsId: 0,
            deliveryWindow: hire.deliveryWindow,
            protocolFeeBps: 0,
            defaultBuyerShareBps: hire.defaultBuyerShareBps,
            specHash: bytes32(0)
        });
        jobId = _admit(job_, hire.arbitrator, hire.spec);
        emit DirectHirePosted(jobId, msg.sender, hire.supplier, hire, deliverBy, job_.termsId, job_.protocolFeeBps);

        // Interaction: take the price into escrow.
        _collect({token: hire.token, from: msg.sender, amount: hire.price});
    }

    /// @inheritdoc ITenderEscrow
    /// @dev No guard: deliver makes no external call, and a delivery reached from another job's payout callback
    /// is that job's own supplier acting on its own job.
    function deliver(uint256 jobId, bytes32 deliverableHash, string calldata uri) external override {
        Tender.Job storage job_ = _jobs[jobId];

        // Check: the awarded supplier, in time, with something to review.
        _expectStatus(jobId, job_.status, Tender.Status.Awarded);
        address supplier = job_.supplier;
        if (msg.sender != supplier) revert NotSupplier(jobId, msg.sender);
        if (block.timestamp >= job_.deadline) revert DeadlinePassed(jobId, job_.deadline);
        if (deliverableHash == bytes32(0) || bytes(uri).length == 0) revert EmptyDeliverable();

        // Effect: the review window starts. A direct hire counts as won once delivered ("then it counts like
        // any other job"); a bid's win is counted at its award.
        uint40 reviewEndsAt = uint40(block.timestamp) + job_.reviewWindow;
        job_.status = Tender.Status.Delivered;
        job_.deadline = reviewEndsAt;
        if (job_.direct) ++_supplierRecords[supplier].won;
        emit JobDelivered(jobId, deliverableHash, uri, reviewEndsAt);
    }

    /// @inheritdoc ITenderEscrow
    function decline(uint256 jobId) external override nonReentrant {
        Tender.Job storage job_ = _jobs[jobId];

        // Check: the awarded supplier, before the delivery deadline.
        _expectStatus(jobId, job_.status, Tender.Status.Awarded);
        if (msg.sender != job_.supplier) revert NotSupplier(jobId, msg.sender);
        if (block.timestamp >= job_.deadline) revert DeadlinePassed(jobId, job_.deadline);

        _refund(jobId, job_, true);
    }

    /// @inheritdoc ITenderEscrow
    function refund(uint256 jobId) external override nonReentrant {
        Tender.Job storage job_ = _jobs[jobId];

        // Check: the delivery deadline passed with nothing delivered.
        _expectStatus(jobId, job_.status, Tender.Status.Awarded);
        if (block.timestamp < job_.deadline) revert DeadlineNotReached(jobId, job_.deadline);

        _refund(jobId, job_, false);
    }

    /// @inheritdoc ITenderEscrow
    function confirm(uint256 jobId, uint8 rating) external override nonReentrant {
        Tender.Job storage job_ = _jobs[jobId];

        // Check: the buyer, within the review window, with a 1–5 rating.
        _expectStatus(jobId, job_.status, Tender.Status.Delivered);
        if (msg.sender != job_.buyer) revert NotBuyer(jobId, msg.sender);
        if (block.timestamp >= job_.deadline) revert DeadlinePassed(jobId, job_.deadline);
        if (rating == 0 || rating > 5) revert InvalidRating(rating);

        _settle(jobId, job_, rating);
    }

    /// @inheritdoc ITenderEscrow
    function finalize(uint256 jobId) external override nonReentrant {
        Tender.Job storage job_ = _jobs[jobId];

        // Check: the review window passed without a dispute.
        _expectStatus(jobId, job_.status, Tender.Status.Delivered);
        if (block.timestamp < job_.deadline) revert DeadlineNotReached(jobId, job_.deadline);

        _settle(jobId, job_, 0);
    }

    /// @inheritdoc ITenderEscrow
    function withdraw(address token, address to) external override nonReentrant returns (uint256 amount) {
        // Check
        if (to == address(0)) revert InvalidRecipient(to);
        amount = _credits[msg.sender][token];
        if (amount == 0) revert NothingToWithdraw(msg.sender, token);

        // Effect
        delete _credits[msg.sender][token];
        emit Withdrawn(msg.sender, token, to, amount);

        // Interaction: the caller asked for this transfer, so a failure reverts and only blocks the caller.
        _send(token, to, amount);
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
                               ARBITRATORS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IArbitratorRegistry
    function registerArbitrator(uint16 feeBps, uint32 ruleWindow, string calldata termsURI)
        external
        override
        returns (uint32 termsId)
    {
        Tender.Arbitrator storage arbitrator_ = _arbitrators[msg.sender];
        if (arbitrator_.termsId != 0) revert ArbitratorAlreadyRegistered(msg.sender);
        arbitrator_.active = true;
        termsId = _publishTerms(arbitrator_, feeBps, ruleWindow, termsURI);
    }

    /// @inheritdoc IArbitratorRegistry
    function updateArbitratorTerms(uint16 feeBps, uint32 ruleWindow, string calldata termsURI)
        external
        override
        returns (uint32 termsId)
    {
        Tender.Arbitrator storage arbitrator_ = _arbitrators[msg.sender];
        if (!arbitrator_.active) revert ArbitratorNotActive(msg.sender);
        termsId = _publishTerms(arbitrator_, feeBps, ruleWindow, termsURI);
    }

    /// @inheritdoc IArbitratorRegistry
    function retireArbitrator() external override {
        Tender.Arbitrator storage arbitrator_ = _arbitrators[msg.sender];
        if (!arbitrator_.active) revert ArbitratorNotActive(msg.sender);
        arbitrator_.active = false;
        emit ArbitratorRetired(msg.sender);
    }

    /*//////////////////////////////////////////////////////////////
                                  OWNER
    //////////////////////////////////////////////////////////////*/

    /// @notice Renouncing is disabled: without an owner, accrued fees could not follow a treasury that stopped
    /// accepting them.
    function renounceOwnership() public pure override {
        revert OwnershipCannotBeRenounced();
    }

    /// @inheritdoc ITenderEscrow
    function setProtocolFee(uint16 feeBps) external override onlyOwner {
        if (feeBps > MAX_PROTOCOL_FEE_BPS) revert ProtocolFeeTooHigh(feeBps, MAX_PROTOCOL_FEE_BPS);
        _config.feeBps = feeBps;
        emit ProtocolFeeSet(feeBps);
    }

    /// @inheritdoc ITenderEscrow
    function setTreasury(address newTreasury) external override onlyOwner {
        if (newTreasury == address(0)) revert InvalidTreasury(newTreasury);
        _config.treasury = newTreasury;
        emit TreasurySet(newTreasury);
    }

    /// @inheritdoc ITenderEscrow
    function setPostingPaused(bool paused) external override onlyOwner {
        if (_config.paused == paused) revert PauseUnchanged(paused);
        _config.paused = paused;
        emit PostingPausedSet(paused);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderEscrow
    function job(uint256 jobId) external view override returns (Tender.Job memory) {
        return _jobs[jobId];
    }

    /// @inheritdoc ITenderEscrow
    function lastJobId() external view override returns (uint256) {
        return _config.lastJobId;
    }

    /// @inheritdoc ITenderEscrow
    function credit(address account, address token) external view override returns (uint256) {
        return _credits[account][token];
    }

    /// @inheritdoc ITenderEscrow
    function protocolFeeBps() external view override returns (uint16) {
        return _config.feeBps;
    }

    /// @inheritdoc ITenderEscrow
    function treasury() external view override returns (address) {
        return _config.treasury;
    }

    /// @inheritdoc ITenderEscrow
    function postingPaused() external view override returns (bool) {
        return _config.paused;
    }

    /// @inheritdoc ITenderEscrow
    function windowBounds() external view override returns (uint32 minWindow, uint32 maxWindow) {
        return (_minWindow, _maxWindow);
    }

    /// @inheritdoc ITenderEscrow
    function protocolFees(address token) external view override returns (uint256) {
        return _protocolFees[token];
    }

    /// @inheritdoc IReputation
    function supplierRecord(address supplier) external view override returns (Tender.SupplierRecord memory) {
        return _supplierRecords[supplier];
    }

    /// @inheritdoc IReputation
    function buyerRecord(address buyer) external view override returns (Tender.BuyerRecord memory) {
        return _buyerRecords[buyer];
    }

    /// @inheritdoc IReputation
    function completedVolume(address supplier, address token) external view override returns (uint256) {
        return _completedVolume[supplier][token];
    }

    /// @inheritdoc IArbitratorRegistry
    function arbitrator(address account) external view override returns (Tender.Arbitrator memory) {
        return _arbitrators[account];
    }

    /// @inheritdoc IArbitratorRegistry
    function arbitratorTerms(uint32 termsId) external view override returns (Tender.ArbitratorTerms memory) {
        return _terms[termsId];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNALS
    //////////////////////////////////////////////////////////////*/

    /// @dev Pays the supplier (price minus the protocol fee, plus its bond back), accrues the fee for the treasury
    /// and writes the completion to both records.
    function _settle(uint256 jobId, Tender.Job storage job_, uint8 rating) private {
        // Effect
        job_.status = Tender.Status.Settled;
        address supplier = job_.supplier;
        uint256 price = job_.price;
        address token = job_.token;
        uint256 fee = price * job_.protocolFeeBps / _BPS;
        uint256 toSupplier = price - fee;
        uint256 bond = job_.direct ? 0 : _takeWinnerBond(jobId, supplier);

        Tender.SupplierRecord storage record = _supplierRecords[supplier];
        ++record.completed;
        if (rating != 0) {
            record.ratingSum += rating;
            ++record.ratingCount;
        }
        _completedVolume[supplier][token] += price;
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
        if (!job_.direct) {
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

    function _publishTerms(
        Tender.Arbitrator storage arbitrator_,
        uint16 feeBps,
        uint32 ruleWindow,
        string calldata termsURI
    ) private returns (uint32 termsId) {
        if (feeBps > MAX_ARBITRATOR_FEE_BPS) revert ArbitratorFeeTooHigh(feeBps, MAX_ARBITRATOR_FEE_BPS);
        _checkWindow(ruleWindow);
        termsId = ++_lastTermsId;
        _terms[termsId] = Tender.ArbitratorTerms({arbitrator: msg.sender, feeBps: feeBps, ruleWindow: ruleWindow});
        arbitrator_.termsId = termsId;
        emit ArbitratorTermsPublished(msg.sender, termsId, feeBps, ruleWindow, termsURI);
    }
}
