// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IArbitratorRegistry} from "./interfaces/IArbitratorRegistry.sol";
import {IReputation} from "./interfaces/IReputation.sol";
import {ITenderEscrow} from "./interfaces/ITenderEscrow.sol";
import {Tender} from "./types/Tender.sol";

/// @title TenderEscrow
/// @notice Holds every job's money and settles it along the job's state machine. See {ITenderEscrow}.
contract TenderEscrow is ITenderEscrow, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The token address that stands for native ETH.
    address public constant ETH = address(0);
    /// @notice Hard cap on the protocol fee: 5%.
    uint16 public constant MAX_PROTOCOL_FEE_BPS = 500;
    /// @notice Hard cap on an arbitrator's fee: 10%.
    uint16 public constant MAX_ARBITRATOR_FEE_BPS = 1_000;
    /// @notice The split used when an arbitrator stays silent gives the buyer at most half.
    uint16 public constant MAX_DEFAULT_BUYER_SHARE_BPS = 5_000;
    /// @notice Largest spec carried in a posting event: 8 KiB.
    uint256 public constant MAX_SPEC_BYTES = 8_192;
    /// @notice Gas forwarded with a pushed ETH payment (the receiver also gets the EVM's 2,300 stipend for calls
    /// with value); a receiver needing more is credited instead.
    uint256 public constant ETH_PUSH_GAS = 10_000;

    uint256 private constant _BPS = 10_000;

    uint32 private immutable _minWindow;
    uint32 private immutable _maxWindow;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev The configuration every posting reads, and the job counter it bumps, in one slot.
    struct Config {
        address treasury;
        uint16 feeBps;
        bool paused;
        uint64 lastJobId;
    }

    Config private _config;
    uint32 private _lastTermsId;

    mapping(uint256 jobId => Tender.Job) private _jobs;
    mapping(address account => mapping(address token => uint256 amount)) private _credits;
    mapping(address supplier => Tender.SupplierRecord) private _supplierRecords;
    mapping(address buyer => Tender.BuyerRecord) private _buyerRecords;
    mapping(address supplier => mapping(address token => uint256 amount)) private _completedVolume;
    mapping(address token => uint256 amount) private _protocolFees;
    mapping(address account => Tender.Arbitrator) private _arbitrators;
    mapping(uint32 termsId => Tender.ArbitratorTerms) private _terms;

    /// @param initialOwner May set the fee, the treasury and the pause; nothing else.
    /// @param initialTreasury Where protocol fees are sent.
    /// @param initialFeeBps The protocol fee for new jobs, at most {MAX_PROTOCOL_FEE_BPS}.
    /// @param minWindow Shortest window (delivery, review, ruling) a job may set, in seconds; above 0.
    /// @param maxWindow Longest window a job may set, in seconds; at least `minWindow`.
    constructor(
        address initialOwner,
        address initialTreasury,
        uint16 initialFeeBps,
        uint32 minWindow,
        uint32 maxWindow
    ) Ownable(initialOwner) {
        if (minWindow == 0 || minWindow > maxWindow) revert InvalidWindowBounds(minWindow, maxWindow);
        if (initialTreasury == address(0)) revert InvalidTreasury(initialTreasury);
        if (initialFeeBps > MAX_PROTOCOL_FEE_BPS) revert ProtocolFeeTooHigh(initialFeeBps, MAX_PROTOCOL_FEE_BPS);
        _minWindow = minWindow;
        _maxWindow = maxWindow;
        _config = Config({treasury: initialTreasury, feeBps: initialFeeBps, paused: false, lastJobId: 0});
        emit TreasurySet(initialTreasury);
        emit ProtocolFeeSet(initialFeeBps);
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
        // Check: the deployment takes new jobs and the terms are well formed.
        Config memory config = _config;
        if (config.paused) revert PostingPaused();
        if (hire.supplier == address(0) || hire.supplier == msg.sender) revert InvalidSupplier(hire.supplier);
        if (hire.price == 0) revert ZeroPrice();
        _checkWindow(hire.deliveryWindow);
        _checkWindow(hire.reviewWindow);
        if (hire.defaultBuyerShareBps > MAX_DEFAULT_BUYER_SHARE_BPS) {
            revert DefaultSplitTooHigh(hire.defaultBuyerShareBps);
        }
        bytes32 specHash = _hashSpec(hire.spec);
        uint32 termsId = _activeTermsOf(hire.arbitrator, msg.sender, hire.supplier);
        uint40 deliverBy = uint40(block.timestamp + hire.deliveryWindow);

        // Effect: the job starts Awarded; the buyer has posted one more job.
        jobId = config.lastJobId + 1;
        _config.lastJobId = uint64(jobId);
        _jobs[jobId] = Tender.Job({
            supplier: hire.supplier,
            status: Tender.Status.Awarded,
            deadline: deliverBy,
            reviewWindow: hire.reviewWindow,
            direct: true,
            buyer: msg.sender,
            price: hire.price,
            token: hire.token,
            termsId: termsId,
            deliveryWindow: hire.deliveryWindow,
            protocolFeeBps: config.feeBps,
            defaultBuyerShareBps: hire.defaultBuyerShareBps,
            specHash: specHash
        });
        ++_buyerRecords[msg.sender].posted;
        emit DirectHirePosted(jobId, msg.sender, hire.supplier, hire, deliverBy, termsId, config.feeBps);

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
    function dispute(uint256, string calldata) external payable override {
        revert DisputesNotEnabled();
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

    /// @dev Pays the supplier (price minus the protocol fee), accrues the fee for the treasury and writes the
    /// completion to both records.
    function _settle(uint256 jobId, Tender.Job storage job_, uint8 rating) private {
        // Effect
        job_.status = Tender.Status.Settled;
        address supplier = job_.supplier;
        uint256 price = job_.price;
        address token = job_.token;
        uint256 fee = price * job_.protocolFeeBps / _BPS;
        uint256 toSupplier = price - fee;

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
        _push(token, supplier, toSupplier);
    }

    /// @dev Returns the whole price to the buyer. A direct hire's decline or non-delivery writes no record (the
    /// supplier never agreed to it); a bidder's will, with the bid market.
    function _refund(uint256 jobId, Tender.Job storage job_, bool declined) private {
        // Effect
        job_.status = Tender.Status.Refunded;
        uint256 price = job_.price;
        emit JobRefunded(jobId, declined, price, 0);

        // Interaction
        _push(job_.token, job_.buyer, price);
    }

    /// @dev Takes `amount` of `token` from `from` into escrow; ETH must come as exactly msg.value. Tokens that
    /// deliver less (or more) than asked are refused.
    function _collect(address token, address from, uint256 amount) private {
        if (token == ETH) {
            if (msg.value != amount) revert WrongEthValue(msg.value, amount);
            return;
        }
        if (msg.value != 0) revert WrongEthValue(msg.value, 0);
        if (token.code.length == 0) revert TokenNotContract(token);
        IERC20 erc20 = IERC20(token);
        uint256 balanceBefore = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(from, address(this), amount);
        uint256 balanceAfter = erc20.balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received != amount) revert TokenAmountMismatch(token, amount, received);
    }

    /// @dev Pushes a payment; if the receiver or the token refuses it, credits it for a later {withdraw}, so no
    /// receiver can block a settlement. ETH goes with a bounded stipend and its return data is ignored.
    function _push(address token, address to, uint256 amount) private {
        bool ok;
        if (token == ETH) {
            uint256 stipend = ETH_PUSH_GAS;
            assembly ("memory-safe") {
                ok := call(stipend, to, amount, 0, 0, 0, 0)
            }
        } else {
            ok = IERC20(token).trySafeTransfer(to, amount);
        }
        if (!ok) {
            _credits[to][token] += amount;
            emit PaymentCredited(to, token, amount);
        }
    }

    /// @dev Sends with all gas and reverts on failure: for transfers the receiver asked for.
    function _send(address token, address to, uint256 amount) private {
        if (token == ETH) {
            bool ok;
            assembly ("memory-safe") {
                ok := call(gas(), to, amount, 0, 0, 0, 0)
            }
            if (!ok) revert EthTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
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

    /// @dev The terms a new job keeps: the named arbitrator's current ones, if it is active and not a party.
    function _activeTermsOf(address account, address buyer, address supplier) private view returns (uint32) {
        Tender.Arbitrator storage arbitrator_ = _arbitrators[account];
        if (!arbitrator_.active) revert ArbitratorNotActive(account);
        if (account == buyer || account == supplier) revert ArbitratorIsParty(account);
        return arbitrator_.termsId;
    }

    function _hashSpec(string calldata spec) private pure returns (bytes32) {
        uint256 length = bytes(spec).length;
        if (length == 0) revert EmptySpec();
        if (length > MAX_SPEC_BYTES) revert SpecTooLarge(length, MAX_SPEC_BYTES);
        return keccak256(bytes(spec));
    }

    function _checkWindow(uint256 window) private view {
        if (window < _minWindow || window > _maxWindow) revert WindowOutOfRange(window, _minWindow, _maxWindow);
    }

    function _expectStatus(uint256 jobId, Tender.Status actual, Tender.Status expected) private pure {
        if (actual == expected) return;
        if (actual == Tender.Status.None) revert UnknownJob(jobId);
        revert WrongStatus(jobId, expected, actual);
    }
}
